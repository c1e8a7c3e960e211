ALTER TABLE `carts` ADD `region_id` text DEFAULT 'eu' NOT NULL;--> statement-breakpoint
ALTER TABLE `carts` ADD `country` text;--> statement-breakpoint
ALTER TABLE `carts` ADD `subdivision` text;--> statement-breakpoint
ALTER TABLE `carts` ADD `shipping_option_id` text;--> statement-breakpoint
ALTER TABLE `discount_codes` ADD `currency` text;--> statement-breakpoint
-- Fixed codes from before currencies were amounts in euros (the only currency then sold).
UPDATE `discount_codes` SET `currency` = 'EUR' WHERE `kind` = 'fixed' AND `currency` IS NULL;
