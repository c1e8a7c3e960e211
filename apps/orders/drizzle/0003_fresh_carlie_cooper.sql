ALTER TABLE `order_views` ADD `region_id` text;--> statement-breakpoint
CREATE INDEX `order_views_currency_paid` ON `order_views` (`currency`,`paid_at`);--> statement-breakpoint
-- Read models written before regions get what replaying their events gives (no region, no
-- shipping method, exclusive totals without tax lines), so they read like a rebuild would.
-- json_insert adds a key only where it is absent.
UPDATE `order_views` SET `detail` = json_insert(`detail`, '$.regionId', NULL, '$.shippingMethod', NULL, '$.totals.taxInclusive', json('false'), '$.totals.taxLines', json('[]'));
