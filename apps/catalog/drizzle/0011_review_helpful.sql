CREATE TABLE `review_helpful_votes` (
	`review_id` text NOT NULL,
	`voter_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`review_id`, `voter_id`),
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `reviews` ADD `helpful_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `reviews_product_helpful` ON `reviews` (`product_id`,`status`,`helpful_count`,`published_at`,`id`);