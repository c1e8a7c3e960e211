ALTER TABLE `messages` ADD `throttle_key` text;--> statement-breakpoint
CREATE INDEX `messages_throttle` ON `messages` (`throttle_key`,`created_at`);