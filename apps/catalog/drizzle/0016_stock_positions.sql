CREATE TABLE `stock_positions` (
	`sku` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`applied_at` integer NOT NULL
);
