CREATE TABLE `inbox_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`thread_id` text NOT NULL,
	`author` text NOT NULL,
	`staff_id` text,
	`topic` text,
	`body` text NOT NULL,
	`upload_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`thread_id`) REFERENCES `inbox_threads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`upload_id`) REFERENCES `chat_uploads`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `inbox_messages_thread_idx` ON `inbox_messages` (`thread_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `inbox_reads` (
	`thread_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`read_at` integer NOT NULL,
	PRIMARY KEY(`thread_id`, `staff_id`),
	FOREIGN KEY (`thread_id`) REFERENCES `inbox_threads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff_accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `inbox_threads` (
	`id` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`identity` text NOT NULL,
	`conversation_id` text NOT NULL,
	`audience` text NOT NULL,
	`district_id` text NOT NULL,
	`school_id` text,
	`class_id` text,
	`student_id` text,
	`relation` text,
	`topic` text NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`last_guardian_at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`district_id`) REFERENCES `districts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`class_id`) REFERENCES `classes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `inbox_threads_school_idx` ON `inbox_threads` (`school_id`,`status`);--> statement-breakpoint
CREATE INDEX `inbox_threads_district_idx` ON `inbox_threads` (`district_id`,`audience`,`status`);--> statement-breakpoint
CREATE INDEX `inbox_threads_conversation_idx` ON `inbox_threads` (`conversation_id`,`status`);