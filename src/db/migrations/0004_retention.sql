ALTER TABLE `roster_imports` ADD `file_deleted_at` integer;--> statement-breakpoint
CREATE INDEX `chat_uploads_created_idx` ON `chat_uploads` (`created_at`);