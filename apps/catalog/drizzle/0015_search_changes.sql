-- The change log (0014) also names products whose full-text row changed: the in-memory text index
-- (src/domain/text-index.ts) re-reads their products_fts rows, as the listing index re-reads their
-- listing rows. The writes that reindex a product (title, description, brand, SKUs; a new or a
-- removed product) are the ones logged here, in the same transaction as the reindex.
CREATE TRIGGER `listing_changes_products_insert` AFTER INSERT ON `products` BEGIN INSERT INTO `listing_changes` (`product_id`) VALUES (NEW.`id`); END;--> statement-breakpoint
CREATE TRIGGER `listing_changes_products_text` AFTER UPDATE OF `title`, `description`, `brand` ON `products` BEGIN INSERT INTO `listing_changes` (`product_id`) VALUES (NEW.`id`); END;--> statement-breakpoint
CREATE TRIGGER `listing_changes_products_delete` AFTER DELETE ON `products` BEGIN INSERT INTO `listing_changes` (`product_id`) VALUES (OLD.`id`); END;--> statement-breakpoint
CREATE TRIGGER `listing_changes_variants_insert` AFTER INSERT ON `variants` BEGIN INSERT INTO `listing_changes` (`product_id`) VALUES (NEW.`product_id`); END;--> statement-breakpoint
CREATE TRIGGER `listing_changes_variants_sku` AFTER UPDATE OF `sku`, `product_id` ON `variants` BEGIN INSERT INTO `listing_changes` (`product_id`) VALUES (OLD.`product_id`), (NEW.`product_id`); END;--> statement-breakpoint
CREATE TRIGGER `listing_changes_variants_delete` AFTER DELETE ON `variants` BEGIN INSERT INTO `listing_changes` (`product_id`) VALUES (OLD.`product_id`); END;
