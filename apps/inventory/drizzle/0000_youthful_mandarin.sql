CREATE TABLE `inbox` (
	`consumer` text NOT NULL,
	`event_id` text NOT NULL,
	`event_type` text NOT NULL,
	`processed_at` integer NOT NULL,
	PRIMARY KEY(`consumer`, `event_id`)
);
--> statement-breakpoint
CREATE TABLE `ledger` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sku` text NOT NULL,
	`kind` text NOT NULL,
	`delta_on_hand` integer NOT NULL,
	`delta_reserved` integer NOT NULL,
	`reason` text NOT NULL,
	`actor` text NOT NULL,
	`order_id` text,
	`on_hand_before` integer NOT NULL,
	`on_hand_after` integer NOT NULL,
	`reserved_before` integer NOT NULL,
	`reserved_after` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ledger_sku_id` ON `ledger` (`sku`,`id`);--> statement-breakpoint
CREATE INDEX `ledger_order` ON `ledger` (`order_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`subject` text NOT NULL,
	`payload` text NOT NULL,
	`headers` text NOT NULL,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_id_unique` ON `outbox` (`id`);--> statement-breakpoint
CREATE TABLE `reservations` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`status` text NOT NULL,
	`lines` text NOT NULL,
	`shortages` text,
	`expires_at` integer NOT NULL,
	`correlation_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reservations_order_id_unique` ON `reservations` (`order_id`);--> statement-breakpoint
CREATE INDEX `reservations_status_expires` ON `reservations` (`status`,`expires_at`);--> statement-breakpoint
CREATE TABLE `stock` (
	`sku` text PRIMARY KEY NOT NULL,
	`on_hand` integer DEFAULT 0 NOT NULL,
	`reserved` integer DEFAULT 0 NOT NULL,
	`low_stock_threshold` integer DEFAULT 5 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "stock_on_hand_not_negative" CHECK("stock"."on_hand" >= 0),
	CONSTRAINT "stock_reserved_not_negative" CHECK("stock"."reserved" >= 0),
	CONSTRAINT "stock_reserved_within_on_hand" CHECK("stock"."reserved" <= "stock"."on_hand")
);
