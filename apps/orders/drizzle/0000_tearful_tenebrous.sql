CREATE TABLE `checkout_keys` (
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`order_id` text NOT NULL,
	`fingerprint` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`scope`, `key`)
);
--> statement-breakpoint
CREATE TABLE `counters` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `inbox` (
	`consumer` text NOT NULL,
	`event_id` text NOT NULL,
	`event_type` text NOT NULL,
	`processed_at` integer NOT NULL,
	PRIMARY KEY(`consumer`, `event_id`)
);
--> statement-breakpoint
CREATE TABLE `order_events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` text NOT NULL,
	`version` integer NOT NULL,
	`type` text NOT NULL,
	`data` text NOT NULL,
	`occurred_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `order_events_order_version` ON `order_events` (`order_id`,`version`);--> statement-breakpoint
CREATE TABLE `order_views` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`user_id` text,
	`email` text NOT NULL,
	`status` text NOT NULL,
	`currency` text NOT NULL,
	`total` integer NOT NULL,
	`paid_amount` integer NOT NULL,
	`refunded_total` integer NOT NULL,
	`item_count` integer NOT NULL,
	`access_token_hash` text NOT NULL,
	`placed_at` integer NOT NULL,
	`paid_at` integer,
	`updated_at` integer NOT NULL,
	`version` integer NOT NULL,
	`detail` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `order_views_number_unique` ON `order_views` (`number`);--> statement-breakpoint
CREATE INDEX `order_views_user_placed` ON `order_views` (`user_id`,`placed_at`);--> statement-breakpoint
CREATE INDEX `order_views_status_placed` ON `order_views` (`status`,`placed_at`);--> statement-breakpoint
CREATE INDEX `order_views_placed` ON `order_views` (`placed_at`);--> statement-breakpoint
CREATE INDEX `order_views_email` ON `order_views` (`email`);--> statement-breakpoint
CREATE INDEX `order_views_paid` ON `order_views` (`paid_at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`subject` text NOT NULL,
	`payload` text NOT NULL,
	`headers` text NOT NULL,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_id_unique` ON `outbox` (`id`);