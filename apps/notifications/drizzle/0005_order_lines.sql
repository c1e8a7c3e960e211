CREATE TABLE `order_lines` (
	`order_id` text NOT NULL,
	`sku` text NOT NULL,
	`title` text NOT NULL,
	PRIMARY KEY(`order_id`, `sku`)
);
