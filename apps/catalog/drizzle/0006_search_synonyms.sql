CREATE TABLE `search_synonyms` (
	`word` text NOT NULL,
	`synonym` text NOT NULL,
	`two_way` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	PRIMARY KEY(`word`, `synonym`)
);
--> statement-breakpoint
CREATE INDEX `search_synonyms_synonym` ON `search_synonyms` (`synonym`);