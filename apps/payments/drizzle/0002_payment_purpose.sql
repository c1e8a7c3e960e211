DROP INDEX `payments_order_id_unique`;--> statement-breakpoint
ALTER TABLE `payments` ADD `purpose` text DEFAULT 'order' NOT NULL;--> statement-breakpoint
ALTER TABLE `payments` ADD `reference` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `payments_order_slot` ON `payments` (`order_id`,`purpose`,`reference`);