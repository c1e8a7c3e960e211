CREATE TABLE `product_prices` (
	`product_id` text NOT NULL,
	`currency` text NOT NULL,
	`min_price` integer NOT NULL,
	PRIMARY KEY(`product_id`, `currency`),
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `product_prices_currency_price` ON `product_prices` (`currency`,`min_price`,`product_id`);--> statement-breakpoint
CREATE TABLE `region_countries` (
	`country` text PRIMARY KEY NOT NULL,
	`region_id` text NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `region_countries_region` ON `region_countries` (`region_id`);--> statement-breakpoint
CREATE TABLE `region_revision` (
	`id` integer PRIMARY KEY NOT NULL,
	`revision` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `regions` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`currency` text NOT NULL,
	`countries` text NOT NULL,
	`default_country` text NOT NULL,
	`tax_inclusive` integer NOT NULL,
	`tax_provider` text DEFAULT 'rates' NOT NULL,
	`payment_providers` text NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `shipping_options` (
	`region_id` text NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`speed` text NOT NULL,
	`rule` text NOT NULL,
	`min_days` integer NOT NULL,
	`max_days` integer NOT NULL,
	`tax_class` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`region_id`, `id`),
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `tax_rates` (
	`region_id` text NOT NULL,
	`country` text NOT NULL,
	`subdivision` text DEFAULT '' NOT NULL,
	`tax_class` text NOT NULL,
	`rate_bps` integer NOT NULL,
	`name` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tax_rates_country_subdivision_class` ON `tax_rates` (`country`,`subdivision`,`tax_class`);--> statement-breakpoint
CREATE INDEX `tax_rates_region` ON `tax_rates` (`region_id`);--> statement-breakpoint
CREATE TABLE `variant_prices` (
	`sku` text NOT NULL,
	`currency` text NOT NULL,
	`amount` integer NOT NULL,
	`compare_at_amount` integer,
	PRIMARY KEY(`sku`, `currency`),
	FOREIGN KEY (`sku`) REFERENCES `variants`(`sku`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `products` ADD `tax_class` text DEFAULT 'standard' NOT NULL;--> statement-breakpoint
ALTER TABLE `variants` ADD `weight_grams` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Existing rows: each variant's one price becomes its price set's entry in its currency, and each
-- product's from-price per currency is its lowest variant price in that currency.
INSERT INTO `variant_prices` (`sku`, `currency`, `amount`, `compare_at_amount`)
SELECT `sku`, `currency`, `price`, `compare_at_price` FROM `variants`;
--> statement-breakpoint
INSERT INTO `product_prices` (`product_id`, `currency`, `min_price`)
SELECT `product_id`, `currency`, min(`price`) FROM `variants` GROUP BY `product_id`, `currency`;
--> statement-breakpoint
INSERT INTO `region_revision` (`id`, `revision`) VALUES (1, 0);
