-- Custom data step 2 of 2 for folding wechat_identities into channel_identities: the identities held by 0007
-- go back into the changed table (0008), and the holding table goes.
INSERT INTO `channel_identities` (`id`, `channel`, `address`, `external_id`, `account`, `conversation_id`, `created_at`, `last_inbound_at`, `unreachable_since`)
SELECT `id`, `channel`, `address`, `external_id`, `account`, `conversation_id`, `created_at`, `last_inbound_at`, `unreachable_since`
FROM `fold_identities_hold`;
--> statement-breakpoint
DROP TABLE `fold_identities_hold`;
