CREATE TABLE `gift_card_holds` (
	`id` text PRIMARY KEY NOT NULL,
	`card_id` text NOT NULL,
	`order_id` text NOT NULL,
	`amount` integer NOT NULL,
	`refunded` integer DEFAULT 0 NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`card_id`) REFERENCES `gift_cards`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `gift_card_holds_order_card` ON `gift_card_holds` (`order_id`,`card_id`);--> statement-breakpoint
CREATE INDEX `gift_card_holds_order` ON `gift_card_holds` (`order_id`);--> statement-breakpoint
CREATE TABLE `gift_card_ledger` (
	`id` text PRIMARY KEY NOT NULL,
	`card_id` text NOT NULL,
	`kind` text NOT NULL,
	`amount` integer NOT NULL,
	`balance_after` integer NOT NULL,
	`order_id` text,
	`reason` text NOT NULL,
	`actor_id` text,
	`idempotency_key` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`card_id`) REFERENCES `gift_cards`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `gift_card_ledger_card` ON `gift_card_ledger` (`card_id`,`created_at`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `gift_card_ledger_key` ON `gift_card_ledger` (`card_id`,`idempotency_key`);--> statement-breakpoint
CREATE TABLE `gift_cards` (
	`id` text PRIMARY KEY NOT NULL,
	`code_hash` text NOT NULL,
	`last4` text NOT NULL,
	`currency` text NOT NULL,
	`initial_amount` integer NOT NULL,
	`balance` integer NOT NULL,
	`status` text NOT NULL,
	`recipient_email` text NOT NULL,
	`recipient_name` text NOT NULL,
	`message` text NOT NULL,
	`purchaser_user_id` text,
	`order_id` text,
	`line_id` text,
	`delivery_code` text,
	`delivery_claimed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `gift_cards_code_hash_unique` ON `gift_cards` (`code_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `gift_cards_order_line` ON `gift_cards` (`order_id`,`line_id`);--> statement-breakpoint
CREATE INDEX `gift_cards_created` ON `gift_cards` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `gift_cards_purchaser` ON `gift_cards` (`purchaser_user_id`);--> statement-breakpoint
CREATE INDEX `gift_cards_recipient` ON `gift_cards` (`recipient_email`);