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
ALTER TABLE `outbox` ADD `fallbacks` text;