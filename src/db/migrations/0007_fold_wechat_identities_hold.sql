-- Custom data step 1 of 2 for folding wechat_identities into channel_identities (0008 is generated).
-- SQLite cannot add the NOT NULL `address` column to a table that has rows, so every identity (LINE rows of
-- channel_identities, WeChat rows of wechat_identities) is held here, in the new shape, while 0008 changes the
-- table; 0009 puts them back. channel_identities.channel becomes `wechat` for both kinds of WeChat user.
CREATE TABLE `fold_identities_hold` (
	`id` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`address` text NOT NULL,
	`external_id` text NOT NULL,
	`account` text,
	`conversation_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_inbound_at` integer,
	`unreachable_since` integer
);
--> statement-breakpoint
INSERT INTO `fold_identities_hold` (`id`, `channel`, `address`, `external_id`, `account`, `conversation_id`, `created_at`, `last_inbound_at`, `unreachable_since`)
SELECT `id`, `channel`, `external_id`, `external_id`, NULL, `conversation_id`, `created_at`, NULL, `unreachable_since`
FROM `channel_identities` WHERE `channel` = 'line';
--> statement-breakpoint
INSERT INTO `fold_identities_hold` (`id`, `channel`, `address`, `external_id`, `account`, `conversation_id`, `created_at`, `last_inbound_at`, `unreachable_since`)
SELECT 'ci_wx_' || `address`, 'wechat', `address`, `external_id`, `account`, `conversation_id`, `created_at`, `last_inbound_at`,
	CASE WHEN `following` THEN NULL ELSE `updated_at` END
FROM `wechat_identities`;
--> statement-breakpoint
DELETE FROM `channel_identities`;
