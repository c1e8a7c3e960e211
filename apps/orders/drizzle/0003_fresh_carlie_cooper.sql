ALTER TABLE `order_views` ADD `region_id` text;--> statement-breakpoint
CREATE INDEX `order_views_currency_paid` ON `order_views` (`currency`,`paid_at`);