CREATE TABLE `wishlist_items` (
	`wishlist_id` text NOT NULL,
	`sku` text NOT NULL,
	`product_id` text NOT NULL,
	`product_slug` text NOT NULL,
	`title` text NOT NULL,
	`image` text,
	`options` text DEFAULT '{}' NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`wishlist_id`, `sku`)
);
--> statement-breakpoint
CREATE INDEX `wishlist_items_sku` ON `wishlist_items` (`sku`);--> statement-breakpoint
CREATE TABLE `wishlist_watch` (
	`sku` text PRIMARY KEY NOT NULL,
	`available` integer NOT NULL,
	`prices` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `wishlists` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text,
	`guest_cart_id` text,
	`email` text,
	`share_token_hash` text,
	`share_name` text,
	`shared_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `wishlists_user` ON `wishlists` (`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `wishlists_guest_cart` ON `wishlists` (`guest_cart_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `wishlists_share_token` ON `wishlists` (`share_token_hash`);