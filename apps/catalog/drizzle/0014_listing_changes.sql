CREATE TABLE `listing_changes` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product_id` text NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER `listing_changes_prices_insert` AFTER INSERT ON `product_prices` BEGIN INSERT INTO `listing_changes` (`product_id`) VALUES (NEW.`product_id`); END;--> statement-breakpoint
CREATE TRIGGER `listing_changes_prices_update` AFTER UPDATE ON `product_prices` BEGIN INSERT INTO `listing_changes` (`product_id`) VALUES (NEW.`product_id`); END;--> statement-breakpoint
CREATE TRIGGER `listing_changes_prices_delete` AFTER DELETE ON `product_prices` BEGIN INSERT INTO `listing_changes` (`product_id`) VALUES (OLD.`product_id`); END;--> statement-breakpoint
CREATE TRIGGER `listing_changes_options_insert` AFTER INSERT ON `product_options` BEGIN INSERT INTO `listing_changes` (`product_id`) VALUES (NEW.`product_id`); END;--> statement-breakpoint
CREATE TRIGGER `listing_changes_options_update` AFTER UPDATE ON `product_options` BEGIN INSERT INTO `listing_changes` (`product_id`) VALUES (OLD.`product_id`), (NEW.`product_id`); END;--> statement-breakpoint
CREATE TRIGGER `listing_changes_options_delete` AFTER DELETE ON `product_options` BEGIN INSERT INTO `listing_changes` (`product_id`) VALUES (OLD.`product_id`); END;--> statement-breakpoint
CREATE TRIGGER `listing_changes_reviews_insert` AFTER INSERT ON `review_summaries` BEGIN INSERT INTO `listing_changes` (`product_id`) VALUES (NEW.`product_id`); END;--> statement-breakpoint
CREATE TRIGGER `listing_changes_reviews_update` AFTER UPDATE ON `review_summaries` BEGIN INSERT INTO `listing_changes` (`product_id`) VALUES (NEW.`product_id`); END;--> statement-breakpoint
CREATE TRIGGER `listing_changes_reviews_delete` AFTER DELETE ON `review_summaries` BEGIN INSERT INTO `listing_changes` (`product_id`) VALUES (OLD.`product_id`); END;--> statement-breakpoint
CREATE TRIGGER `listing_changes_products_owner` AFTER UPDATE OF `owner_id`, `doc_id` ON `products` BEGIN INSERT INTO `listing_changes` (`product_id`) VALUES (NEW.`id`); END;--> statement-breakpoint
CREATE TRIGGER `listing_changes_prune` AFTER INSERT ON `listing_changes` WHEN NEW.`seq` % 1000 = 0 BEGIN DELETE FROM `listing_changes` WHERE `seq` <= NEW.`seq` - 50000; END;
