ALTER TABLE `rate_limits` ADD `window_ms` integer;--> statement-breakpoint
CREATE INDEX `rate_limits_window_idx` ON `rate_limits` (`window_start`);