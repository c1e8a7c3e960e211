ALTER TABLE `checkout_keys` ADD `client_address` text;--> statement-breakpoint
ALTER TABLE `checkout_keys` ADD `email` text;--> statement-breakpoint
ALTER TABLE `checkout_keys` ADD `cart_id` text;--> statement-breakpoint
ALTER TABLE `checkout_keys` ADD `units` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `checkout_keys_client` ON `checkout_keys` (`client_address`);--> statement-breakpoint
CREATE INDEX `checkout_keys_email` ON `checkout_keys` (`email`);--> statement-breakpoint
CREATE INDEX `checkout_keys_cart` ON `checkout_keys` (`cart_id`);--> statement-breakpoint
CREATE INDEX `checkout_keys_order` ON `checkout_keys` (`order_id`);