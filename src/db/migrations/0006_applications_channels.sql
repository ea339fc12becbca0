CREATE TABLE `aid_awards` (
	`id` text PRIMARY KEY NOT NULL,
	`application_id` text NOT NULL,
	`school_id` text NOT NULL,
	`term_key` text NOT NULL,
	`programme_id` text NOT NULL,
	`tier` text NOT NULL,
	`amount` integer NOT NULL,
	`paid_on` text NOT NULL,
	`payment_channel` text NOT NULL,
	`recorded_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `staff_accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `aid_awards_application_id_unique` ON `aid_awards` (`application_id`);--> statement-breakpoint
CREATE INDEX `aid_awards_school_term_idx` ON `aid_awards` (`school_id`,`term_key`);--> statement-breakpoint
CREATE TABLE `application_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`application_id` text NOT NULL,
	`kind` text NOT NULL,
	`upload_id` text NOT NULL,
	`removed` text,
	`created_at` integer NOT NULL,
	`removed_at` integer,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`upload_id`) REFERENCES `chat_uploads`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `application_documents_application_idx` ON `application_documents` (`application_id`,`kind`);--> statement-breakpoint
CREATE TABLE `application_settings` (
	`school_id` text PRIMARY KEY NOT NULL,
	`teacher_sees_photos` integer DEFAULT false NOT NULL,
	`publicity_working_days` integer DEFAULT 5 NOT NULL,
	`report_phone` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `application_transitions` (
	`id` text PRIMARY KEY NOT NULL,
	`application_id` text NOT NULL,
	`action` text NOT NULL,
	`from_status` text NOT NULL,
	`to_status` text NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text,
	`role` text,
	`comment` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `application_transitions_application_idx` ON `application_transitions` (`application_id`,`at`);--> statement-breakpoint
CREATE TABLE `applications` (
	`id` text PRIMARY KEY NOT NULL,
	`school_id` text NOT NULL,
	`class_id` text NOT NULL,
	`student_id` text NOT NULL,
	`term_key` text NOT NULL,
	`programme_id` text NOT NULL,
	`catalog_id` text NOT NULL,
	`channel` text NOT NULL,
	`identity` text NOT NULL,
	`conversation_id` text NOT NULL,
	`binding_id` text,
	`relation` text NOT NULL,
	`locale` text NOT NULL,
	`status` text NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	`categories` text DEFAULT '[]' NOT NULL,
	`situation` text,
	`family_members` text,
	`resident_id_enc` text,
	`resident_id_index` text,
	`resident_id_masked` text,
	`pledged_at` integer,
	`consented_at` integer,
	`upload_token_hash` text,
	`tier` text,
	`amount` integer,
	`return_reason` text,
	`return_fields` text,
	`reject_reason` text,
	`submitted_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`class_id`) REFERENCES `classes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`binding_id`) REFERENCES `guardian_bindings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `applications_school_status_idx` ON `applications` (`school_id`,`status`);--> statement-breakpoint
CREATE INDEX `applications_class_idx` ON `applications` (`class_id`,`status`);--> statement-breakpoint
CREATE INDEX `applications_identity_idx` ON `applications` (`channel`,`identity`);--> statement-breakpoint
CREATE INDEX `applications_resident_id_idx` ON `applications` (`resident_id_index`);--> statement-breakpoint
CREATE UNIQUE INDEX `applications_upload_token_uq` ON `applications` (`upload_token_hash`);--> statement-breakpoint
CREATE TABLE `channel_identities` (
	`id` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`external_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`unreachable_since` integer,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `channel_identities_channel_external_uq` ON `channel_identities` (`channel`,`external_id`);--> statement-breakpoint
CREATE INDEX `channel_identities_conversation_idx` ON `channel_identities` (`conversation_id`);--> statement-breakpoint
CREATE TABLE `publicity_entries` (
	`list_id` text NOT NULL,
	`application_id` text NOT NULL,
	`masked_name` text NOT NULL,
	`class_name` text NOT NULL,
	`programme_name` text NOT NULL,
	`tier` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`list_id`, `application_id`),
	FOREIGN KEY (`list_id`) REFERENCES `publicity_lists`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `publicity_lists` (
	`id` text PRIMARY KEY NOT NULL,
	`school_id` text NOT NULL,
	`title` text NOT NULL,
	`token` text NOT NULL,
	`working_days` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`report_phone` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`taken_down_at` integer,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `publicity_lists_token_unique` ON `publicity_lists` (`token`);--> statement-breakpoint
CREATE INDEX `publicity_lists_school_idx` ON `publicity_lists` (`school_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `publicity_objections` (
	`id` text PRIMARY KEY NOT NULL,
	`list_id` text NOT NULL,
	`school_id` text NOT NULL,
	`message` text NOT NULL,
	`contact` text,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`list_id`) REFERENCES `publicity_lists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `publicity_objections_school_idx` ON `publicity_objections` (`school_id`,`status`);--> statement-breakpoint
CREATE TABLE `wechat_identities` (
	`address` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`account` text NOT NULL,
	`external_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`following` integer DEFAULT true NOT NULL,
	`last_inbound_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `wechat_identities_user_uq` ON `wechat_identities` (`channel`,`account`,`external_id`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `fallbacks` text;