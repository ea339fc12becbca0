CREATE TABLE `notice_reminder_rounds` (
	`id` text PRIMARY KEY NOT NULL,
	`notice_id` text NOT NULL,
	`version_id` text NOT NULL,
	`kind` text NOT NULL,
	`class_ids` text NOT NULL,
	`requested_by` text,
	`status` text NOT NULL,
	`reminded` integer,
	`created_at` integer NOT NULL,
	`ran_at` integer,
	FOREIGN KEY (`notice_id`) REFERENCES `notices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `notice_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `staff_accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notice_reminder_rounds_notice_idx` ON `notice_reminder_rounds` (`notice_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `notice_reminder_sends` (
	`round_id` text NOT NULL,
	`recipient_id` text NOT NULL,
	`notice_id` text NOT NULL,
	`student_id` text NOT NULL,
	`guardian_key` text NOT NULL,
	`seq` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`round_id`, `recipient_id`),
	FOREIGN KEY (`round_id`) REFERENCES `notice_reminder_rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recipient_id`) REFERENCES `notice_recipients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notice_reminder_sends_slot_uq` ON `notice_reminder_sends` (`notice_id`,`student_id`,`guardian_key`,`seq`);--> statement-breakpoint
CREATE TABLE `staff_api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`staff_id` text NOT NULL,
	`label` text NOT NULL,
	`token_hash` text NOT NULL,
	`hint` text NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`staff_id`) REFERENCES `staff_accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_api_tokens_token_hash_unique` ON `staff_api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `staff_api_tokens_staff_idx` ON `staff_api_tokens` (`staff_id`);