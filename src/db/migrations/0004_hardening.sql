ALTER TABLE `rate_limits` ADD `window_ms` integer;--> statement-breakpoint
CREATE INDEX `rate_limits_window_idx` ON `rate_limits` (`window_start`);--> statement-breakpoint
ALTER TABLE `roster_imports` ADD `file_deleted_at` integer;--> statement-breakpoint
CREATE INDEX `chat_uploads_created_idx` ON `chat_uploads` (`created_at`);