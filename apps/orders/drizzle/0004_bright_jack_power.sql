CREATE TABLE `order_returns` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`order_number` text NOT NULL,
	`number` text NOT NULL,
	`status` text NOT NULL,
	`email` text NOT NULL,
	`item_count` integer NOT NULL,
	`exchange` integer NOT NULL,
	`requested_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `order_returns_requested` ON `order_returns` (`requested_at`);--> statement-breakpoint
CREATE INDEX `order_returns_status_requested` ON `order_returns` (`status`,`requested_at`);--> statement-breakpoint
CREATE INDEX `order_returns_order` ON `order_returns` (`order_id`);--> statement-breakpoint
ALTER TABLE `order_views` ADD `payment_status` text DEFAULT 'AWAITING' NOT NULL;--> statement-breakpoint
ALTER TABLE `order_views` ADD `fulfilment_status` text DEFAULT 'NOT_FULFILLED' NOT NULL;--> statement-breakpoint
ALTER TABLE `order_views` ADD `returns_refunded` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `order_views_payment_status_placed` ON `order_views` (`payment_status`,`placed_at`);--> statement-breakpoint
CREATE INDEX `order_views_fulfilment_status_placed` ON `order_views` (`fulfilment_status`,`placed_at`);