CREATE TABLE `deleted_users` (
	`user_id` text PRIMARY KEY NOT NULL,
	`deleted_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `order_users` (
	`order_id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `order_users_user` ON `order_users` (`user_id`);--> statement-breakpoint
CREATE TABLE `preferences` (
	`user_id` text PRIMARY KEY NOT NULL,
	`marketing_consent` integer NOT NULL,
	`marketing_consent_at` integer,
	`region_id` text,
	`language` text,
	`channels` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `messages` ADD `user_id` text;--> statement-breakpoint
CREATE INDEX `messages_user` ON `messages` (`user_id`);