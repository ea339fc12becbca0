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
CREATE UNIQUE INDEX `wechat_identities_user_uq` ON `wechat_identities` (`channel`,`account`,`external_id`);