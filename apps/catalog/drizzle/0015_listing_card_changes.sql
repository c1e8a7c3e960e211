-- The change log (0014) names every product whose listing card or full-text row changed, so the
-- in-memory indexes re-read exactly those: the text index (src/domain/text-index.ts) their
-- products_fts rows, the listing cards (src/app/summary-cache.ts) their product, variants, prices
-- and categories. Every write that changes what a card or a search shows is logged here, in the
-- transaction of the write (a product's reindex runs in the same one).
CREATE TRIGGER `listing_changes_products_insert` AFTER INSERT ON `products` BEGIN INSERT INTO `listing_changes` (`product_id`) VALUES (NEW.`id`); END;--> statement-breakpoint
CREATE TRIGGER `listing_changes_products_update` AFTER UPDATE ON `products` BEGIN INSERT INTO `listing_changes` (`product_id`) VALUES (NEW.`id`); END;--> statement-breakpoint
CREATE TRIGGER `listing_changes_products_delete` AFTER DELETE ON `products` BEGIN INSERT INTO `listing_changes` (`product_id`) VALUES (OLD.`id`); END;--> statement-breakpoint
CREATE TRIGGER `listing_changes_variants_insert` AFTER INSERT ON `variants` BEGIN INSERT INTO `listing_changes` (`product_id`) VALUES (NEW.`product_id`); END;--> statement-breakpoint
CREATE TRIGGER `listing_changes_variants_update` AFTER UPDATE ON `variants` BEGIN INSERT INTO `listing_changes` (`product_id`) VALUES (OLD.`product_id`), (NEW.`product_id`); END;--> statement-breakpoint
CREATE TRIGGER `listing_changes_variants_delete` AFTER DELETE ON `variants` BEGIN INSERT INTO `listing_changes` (`product_id`) VALUES (OLD.`product_id`); END;--> statement-breakpoint
-- A price names its product through its variant (none when the variant is already gone: its own delete logged it).
CREATE TRIGGER `listing_changes_variant_prices_insert` AFTER INSERT ON `variant_prices` BEGIN INSERT INTO `listing_changes` (`product_id`) SELECT `product_id` FROM `variants` WHERE `sku` = NEW.`sku`; END;--> statement-breakpoint
CREATE TRIGGER `listing_changes_variant_prices_update` AFTER UPDATE ON `variant_prices` BEGIN INSERT INTO `listing_changes` (`product_id`) SELECT `product_id` FROM `variants` WHERE `sku` IN (OLD.`sku`, NEW.`sku`); END;--> statement-breakpoint
CREATE TRIGGER `listing_changes_variant_prices_delete` AFTER DELETE ON `variant_prices` BEGIN INSERT INTO `listing_changes` (`product_id`) SELECT `product_id` FROM `variants` WHERE `sku` = OLD.`sku`; END;--> statement-breakpoint
CREATE TRIGGER `listing_changes_categories_insert` AFTER INSERT ON `product_categories` BEGIN INSERT INTO `listing_changes` (`product_id`) VALUES (NEW.`product_id`); END;--> statement-breakpoint
CREATE TRIGGER `listing_changes_categories_update` AFTER UPDATE ON `product_categories` BEGIN INSERT INTO `listing_changes` (`product_id`) VALUES (OLD.`product_id`), (NEW.`product_id`); END;--> statement-breakpoint
CREATE TRIGGER `listing_changes_categories_delete` AFTER DELETE ON `product_categories` BEGIN INSERT INTO `listing_changes` (`product_id`) VALUES (OLD.`product_id`); END;
