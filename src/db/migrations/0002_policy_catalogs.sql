CREATE TABLE `policy_catalogs` (
	`id` text PRIMARY KEY NOT NULL,
	`catalog_id` text NOT NULL,
	`version` text NOT NULL,
	`json` text NOT NULL,
	`file_name` text,
	`uploaded_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`confirmed_at` integer,
	`active` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`uploaded_by`) REFERENCES `staff_accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `policy_catalogs_catalog_idx` ON `policy_catalogs` (`catalog_id`,`active`,`confirmed_at`);