CREATE TABLE `push_subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`endpoint` text NOT NULL,
	`p256dh` text NOT NULL,
	`auth` text NOT NULL,
	`user_id` text,
	`order_id` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `push_subscriptions_endpoint` ON `push_subscriptions` (`endpoint`);--> statement-breakpoint
CREATE INDEX `push_subscriptions_user` ON `push_subscriptions` (`user_id`);--> statement-breakpoint
CREATE INDEX `push_subscriptions_order` ON `push_subscriptions` (`order_id`);--> statement-breakpoint
CREATE TABLE `sms_opt_outs` (
	`phone` text PRIMARY KEY NOT NULL,
	`word` text NOT NULL,
	`opted_out_at` integer NOT NULL
);
--> statement-breakpoint
DROP INDEX `messages_event_template_to`;--> statement-breakpoint
ALTER TABLE `messages` ADD `channel` text DEFAULT 'email' NOT NULL;--> statement-breakpoint
ALTER TABLE `messages` ADD `url` text;--> statement-breakpoint
CREATE UNIQUE INDEX `messages_event_template_channel_to` ON `messages` (`event_id`,`template`,`channel`,`to`);--> statement-breakpoint
ALTER TABLE `preferences` ADD `phone` text;