CREATE TABLE `cart_items` (
	`cart_id` text NOT NULL,
	`sku` text NOT NULL,
	`quantity` integer NOT NULL,
	`price_when_added` integer NOT NULL,
	`product_id` text NOT NULL,
	`product_slug` text NOT NULL,
	`title` text NOT NULL,
	`image` text,
	`options` text DEFAULT '{}' NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`cart_id`, `sku`)
);
--> statement-breakpoint
CREATE TABLE `carts` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text,
	`token_hash` text,
	`currency` text DEFAULT 'EUR' NOT NULL,
	`discount_code` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `carts_user` ON `carts` (`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `carts_token_hash` ON `carts` (`token_hash`);--> statement-breakpoint
CREATE INDEX `carts_updated` ON `carts` (`updated_at`);--> statement-breakpoint
CREATE TABLE `code_redemptions` (
	`code` text NOT NULL,
	`order_id` text NOT NULL,
	`user_id` text,
	`email` text NOT NULL,
	`counted` integer NOT NULL,
	`redeemed_at` integer NOT NULL,
	PRIMARY KEY(`code`, `order_id`)
);
--> statement-breakpoint
CREATE INDEX `code_redemptions_user` ON `code_redemptions` (`code`,`user_id`);--> statement-breakpoint
CREATE INDEX `code_redemptions_email` ON `code_redemptions` (`code`,`email`);--> statement-breakpoint
CREATE TABLE `discount_codes` (
	`code` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`value` integer NOT NULL,
	`min_subtotal` integer DEFAULT 0 NOT NULL,
	`starts_at` integer,
	`ends_at` integer,
	`usage_limit` integer,
	`used` integer DEFAULT 0 NOT NULL,
	`once_per_customer` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
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