CREATE TABLE `slip_prints` (
	`id` text PRIMARY KEY NOT NULL,
	`class_id` text NOT NULL,
	`school_id` text NOT NULL,
	`created_by` text NOT NULL,
	`sealed_codes` text NOT NULL,
	`student_count` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`class_id`) REFERENCES `classes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `slip_prints_class_idx` ON `slip_prints` (`class_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `binding_codes` ADD `print_id` text;--> statement-breakpoint
CREATE INDEX `binding_codes_print_idx` ON `binding_codes` (`print_id`);