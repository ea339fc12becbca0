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