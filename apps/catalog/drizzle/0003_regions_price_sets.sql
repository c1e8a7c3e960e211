-- product_prices and variant_prices are WITHOUT ROWID (added by hand to the generated statements;
-- drizzle's schema cannot say it): both are read by primary key per product or SKU, and a
-- clustered primary key answers those probes from the row itself (search pages, price sets).
CREATE TABLE `product_prices` (
	`product_id` text NOT NULL,
	`currency` text NOT NULL,
	`min_price` integer NOT NULL,
	`status` text NOT NULL,
	`brand` text,
	`in_stock` integer DEFAULT false NOT NULL,
	`category_set` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`product_id`, `currency`),
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `product_prices_price` ON `product_prices` (`currency`,`status`,`min_price`,`product_id`);--> statement-breakpoint
CREATE INDEX `product_prices_created` ON `product_prices` (`currency`,`status`,`created_at`,`product_id`);--> statement-breakpoint
CREATE INDEX `product_prices_facets` ON `product_prices` (`currency`,`status`,`brand`,`in_stock`,`min_price`);--> statement-breakpoint
CREATE INDEX `product_prices_category_sets` ON `product_prices` (`currency`,`status`,`category_set`);--> statement-breakpoint
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
) WITHOUT ROWID;
--> statement-breakpoint
DROP INDEX `products_status_price`;--> statement-breakpoint
DROP INDEX `products_facets`;--> statement-breakpoint
DROP INDEX `products_category_sets`;--> statement-breakpoint
ALTER TABLE `products` ADD `tax_class` text DEFAULT 'standard' NOT NULL;--> statement-breakpoint
ALTER TABLE `variants` ADD `weight_grams` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Existing rows: each variant's one price becomes its price set's entry in its currency, and each
-- product gets its listing row in each currency its variants are priced in (its lowest price there).
INSERT INTO `variant_prices` (`sku`, `currency`, `amount`, `compare_at_amount`)
SELECT `sku`, `currency`, `price`, `compare_at_price` FROM `variants`;
--> statement-breakpoint
INSERT INTO `product_prices` (`product_id`, `currency`, `min_price`, `status`, `brand`, `in_stock`, `category_set`, `created_at`)
SELECT v.`product_id`, v.`currency`, min(v.`price`), p.`status`, p.`brand`, p.`in_stock`, p.`category_set`, p.`created_at`
FROM `variants` v JOIN `products` p ON p.`id` = v.`product_id`
GROUP BY v.`product_id`, v.`currency`;
--> statement-breakpoint
INSERT INTO `region_revision` (`id`, `revision`) VALUES (1, 0);
