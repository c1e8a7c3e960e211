CREATE TABLE `reference_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);--> statement-breakpoint
-- The catalog's small reference tables, held in memory by every instance (src/db/reference-data.ts),
-- bump this one version in the transaction of any write to them, whoever writes (a service, the
-- CSV import, an operator's SQL), so the next read of any instance sees the write.
INSERT INTO `reference_version` (`id`, `version`) VALUES (1, 0);--> statement-breakpoint
CREATE TRIGGER `reference_version_categories_insert` AFTER INSERT ON `categories` BEGIN UPDATE `reference_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `reference_version_categories_update` AFTER UPDATE ON `categories` BEGIN UPDATE `reference_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `reference_version_categories_delete` AFTER DELETE ON `categories` BEGIN UPDATE `reference_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `reference_version_price_lists_insert` AFTER INSERT ON `price_lists` BEGIN UPDATE `reference_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `reference_version_price_lists_update` AFTER UPDATE ON `price_lists` BEGIN UPDATE `reference_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `reference_version_price_lists_delete` AFTER DELETE ON `price_lists` BEGIN UPDATE `reference_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `reference_version_search_synonyms_insert` AFTER INSERT ON `search_synonyms` BEGIN UPDATE `reference_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `reference_version_search_synonyms_update` AFTER UPDATE ON `search_synonyms` BEGIN UPDATE `reference_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `reference_version_search_synonyms_delete` AFTER DELETE ON `search_synonyms` BEGIN UPDATE `reference_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
