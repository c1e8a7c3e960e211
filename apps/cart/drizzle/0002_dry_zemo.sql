ALTER TABLE `code_redemptions` ADD `status` text DEFAULT 'paid' NOT NULL;--> statement-breakpoint
CREATE INDEX `code_redemptions_order` ON `code_redemptions` (`order_id`);