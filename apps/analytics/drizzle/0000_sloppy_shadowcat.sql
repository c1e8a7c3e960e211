CREATE TABLE `customers` (
	`key` text PRIMARY KEY NOT NULL,
	`first_event_id` text NOT NULL,
	`first_order_id` text NOT NULL,
	`first_day` text NOT NULL,
	`first_currency` text NOT NULL,
	`first_region` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `daily_carts` (
	`day` text NOT NULL,
	`currency` text NOT NULL,
	`carts` integer DEFAULT 0 NOT NULL,
	`items_added` integer DEFAULT 0 NOT NULL,
	`units_added` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `currency`)
);
--> statement-breakpoint
CREATE TABLE `daily_payments` (
	`day` text NOT NULL,
	`currency` text NOT NULL,
	`succeeded` integer DEFAULT 0 NOT NULL,
	`captured` integer DEFAULT 0 NOT NULL,
	`refunds` integer DEFAULT 0 NOT NULL,
	`refunded` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `currency`)
);
--> statement-breakpoint
CREATE TABLE `daily_sales` (
	`day` text NOT NULL,
	`currency` text NOT NULL,
	`region` text NOT NULL,
	`checkouts` integer DEFAULT 0 NOT NULL,
	`orders` integer DEFAULT 0 NOT NULL,
	`revenue` integer DEFAULT 0 NOT NULL,
	`units` integer DEFAULT 0 NOT NULL,
	`discount` integer DEFAULT 0 NOT NULL,
	`new_customers` integer DEFAULT 0 NOT NULL,
	`returning_customers` integer DEFAULT 0 NOT NULL,
	`refunds` integer DEFAULT 0 NOT NULL,
	`refunded` integer DEFAULT 0 NOT NULL,
	`cancelled_unpaid` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `currency`, `region`)
);
--> statement-breakpoint
CREATE TABLE `daily_searches` (
	`day` text NOT NULL,
	`query` text NOT NULL,
	`samples` integer DEFAULT 0 NOT NULL,
	`estimated` real DEFAULT 0 NOT NULL,
	`zero_results` real DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `query`)
);
--> statement-breakpoint
CREATE TABLE `daily_signups` (
	`day` text PRIMARY KEY NOT NULL,
	`signups` integer DEFAULT 0 NOT NULL
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
CREATE TABLE `order_facts` (
	`order_id` text PRIMARY KEY NOT NULL,
	`currency` text NOT NULL,
	`region` text NOT NULL,
	`total` integer NOT NULL,
	`placed_day` text,
	`paid_day` text
);
--> statement-breakpoint
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
CREATE UNIQUE INDEX `outbox_id_unique` ON `outbox` (`id`);--> statement-breakpoint
CREATE INDEX `outbox_pending` ON `outbox` (`seq`) WHERE sent_at is null;--> statement-breakpoint
CREATE TABLE `pending_order_events` (
	`event_id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`kind` text NOT NULL,
	`day` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text
);
--> statement-breakpoint
CREATE TABLE `product_daily` (
	`day` text NOT NULL,
	`currency` text NOT NULL,
	`product_id` text NOT NULL,
	`revenue` integer DEFAULT 0 NOT NULL,
	`units` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `currency`, `product_id`)
);
--> statement-breakpoint
CREATE TABLE `products` (
	`product_id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`brand` text,
	`category_ids` text DEFAULT '[]' NOT NULL,
	`event_id` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sku_daily` (
	`day` text NOT NULL,
	`sku` text NOT NULL,
	`product_id` text NOT NULL,
	`units` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `sku`)
);
--> statement-breakpoint
CREATE TABLE `stock` (
	`sku` text PRIMARY KEY NOT NULL,
	`on_hand` integer NOT NULL,
	`reserved` integer NOT NULL,
	`available` integer NOT NULL,
	`event_id` text NOT NULL
);
