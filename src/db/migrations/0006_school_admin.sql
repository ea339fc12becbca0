CREATE TABLE `school_terms` (
	`id` text PRIMARY KEY NOT NULL,
	`school_id` text NOT NULL,
	`school_year` text NOT NULL,
	`term` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `school_terms_school_year_term_uq` ON `school_terms` (`school_id`,`school_year`,`term`);--> statement-breakpoint
ALTER TABLE `classes` ADD `archived_at` integer;--> statement-breakpoint
ALTER TABLE `schools` ADD `closed_at` integer;--> statement-breakpoint
ALTER TABLE `students` ADD `graduated_at` integer;