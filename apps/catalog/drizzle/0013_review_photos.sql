CREATE TABLE `review_photos` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`review_id` text,
	`position` integer DEFAULT 0 NOT NULL,
	`alt` text DEFAULT '' NOT NULL,
	`hash` text NOT NULL,
	`original_type` text NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `review_photos_review` ON `review_photos` (`review_id`,`position`);--> statement-breakpoint
CREATE INDEX `review_photos_customer` ON `review_photos` (`customer_id`,`review_id`);--> statement-breakpoint
CREATE INDEX `review_photos_hash` ON `review_photos` (`hash`);--> statement-breakpoint
-- Review photos were URLs typed by the shopper (any site, tracking pixels included). They are not
-- converted: that would mean fetching third-party content on the shopper's word. They are dropped;
-- old reviews read on with no photos, and a shopper adds uploads by editing their review.
ALTER TABLE `reviews` DROP COLUMN `photos`;