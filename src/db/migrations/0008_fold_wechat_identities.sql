DROP TABLE `wechat_identities`;--> statement-breakpoint
DROP INDEX `channel_identities_channel_external_uq`;--> statement-breakpoint
ALTER TABLE `channel_identities` ADD `address` text NOT NULL;--> statement-breakpoint
ALTER TABLE `channel_identities` ADD `account` text;--> statement-breakpoint
ALTER TABLE `channel_identities` ADD `last_inbound_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `channel_identities_channel_address_uq` ON `channel_identities` (`channel`,`address`);