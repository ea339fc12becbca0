CREATE TABLE `jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`max_attempts` integer NOT NULL,
	`run_at` integer NOT NULL,
	`lease_until` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_idempotency_key_unique` ON `jobs` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `jobs_due_idx` ON `jobs` (`status`,`run_at`);--> statement-breakpoint
CREATE TABLE `notice_receipts` (
	`id` text PRIMARY KEY NOT NULL,
	`notice_id` text NOT NULL,
	`version_id` text NOT NULL,
	`content_hash` text NOT NULL,
	`recipient_id` text,
	`school_id` text NOT NULL,
	`class_id` text NOT NULL,
	`student_id` text NOT NULL,
	`guardian_key` text NOT NULL,
	`guardian_id` text,
	`relation` text,
	`channel` text NOT NULL,
	`answers` text,
	`confirmed_at` integer NOT NULL,
	`signed_at` integer,
	`signature_svg_key` text,
	`signature_png_key` text,
	`paper_photo_key` text,
	`recorded_by` text,
	`superseded_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`notice_id`) REFERENCES `notices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `notice_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recipient_id`) REFERENCES `notice_recipients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `staff_accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notice_receipts_version_family_uq` ON `notice_receipts` (`version_id`,`student_id`,`guardian_key`);--> statement-breakpoint
CREATE INDEX `notice_receipts_notice_idx` ON `notice_receipts` (`notice_id`,`class_id`);--> statement-breakpoint
CREATE TABLE `notice_recipients` (
	`id` text PRIMARY KEY NOT NULL,
	`notice_id` text NOT NULL,
	`version_id` text NOT NULL,
	`school_id` text NOT NULL,
	`class_id` text NOT NULL,
	`grade` integer NOT NULL,
	`student_id` text NOT NULL,
	`guardian_key` text NOT NULL,
	`guardian_id` text,
	`binding_id` text,
	`relation` text,
	`token` text NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer,
	`understood_at` integer,
	`confirmed_at` integer,
	`signed_at` integer,
	FOREIGN KEY (`notice_id`) REFERENCES `notices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `notice_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notice_recipients_token_unique` ON `notice_recipients` (`token`);--> statement-breakpoint
CREATE UNIQUE INDEX `notice_recipients_version_family_uq` ON `notice_recipients` (`version_id`,`student_id`,`guardian_key`);--> statement-breakpoint
CREATE INDEX `notice_recipients_version_class_idx` ON `notice_recipients` (`version_id`,`class_id`);--> statement-breakpoint
CREATE INDEX `notice_recipients_notice_family_idx` ON `notice_recipients` (`notice_id`,`student_id`,`guardian_key`);--> statement-breakpoint
CREATE TABLE `notice_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`notice_id` text NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`title` text NOT NULL,
	`locale` text NOT NULL,
	`confirmation` text NOT NULL,
	`content` text NOT NULL,
	`changes` text,
	`content_hash` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`sent_at` integer,
	`sent_by` text,
	FOREIGN KEY (`notice_id`) REFERENCES `notices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sent_by`) REFERENCES `staff_accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notice_versions_notice_version_uq` ON `notice_versions` (`notice_id`,`version`);--> statement-breakpoint
CREATE TABLE `notices` (
	`id` text PRIMARY KEY NOT NULL,
	`school_id` text NOT NULL,
	`kind` text NOT NULL,
	`audience` text NOT NULL,
	`current_version` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notices_school_idx` ON `notices` (`school_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`idempotency_key` text NOT NULL,
	`topic` text NOT NULL,
	`group_id` text NOT NULL,
	`subject_id` text NOT NULL,
	`school_id` text NOT NULL,
	`channel` text NOT NULL,
	`address` text,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`fail_reason` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`sent_at` integer,
	`delivered_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_idempotency_key_unique` ON `outbox` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `outbox_group_status_idx` ON `outbox` (`group_id`,`status`);--> statement-breakpoint
CREATE INDEX `outbox_subject_idx` ON `outbox` (`subject_id`);--> statement-breakpoint
CREATE INDEX `outbox_address_idx` ON `outbox` (`channel`,`address`);