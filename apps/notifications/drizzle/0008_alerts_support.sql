CREATE TABLE `alert_open_orders` (
	`order_id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`placed_at` integer NOT NULL,
	`alerted_at` integer
);
--> statement-breakpoint
CREATE INDEX `alert_open_orders_placed` ON `alert_open_orders` (`alerted_at`,`placed_at`);--> statement-breakpoint
CREATE TABLE `alert_payment_failures` (
	`event_id` text PRIMARY KEY NOT NULL,
	`failed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `alert_payment_failures_at` ON `alert_payment_failures` (`failed_at`);--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`subject` text NOT NULL,
	`message` text NOT NULL,
	`created_at` integer NOT NULL,
	`acknowledged_at` integer,
	`acknowledged_by` text,
	`acknowledged_by_email` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_dedupe_key_unique` ON `alerts` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `alerts_unread` ON `alerts` (`acknowledged_at`,`id`);--> statement-breakpoint
CREATE INDEX `alerts_kind_created` ON `alerts` (`kind`,`created_at`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text NOT NULL,
	`actor_email` text NOT NULL,
	`actor_role` text NOT NULL,
	`action` text NOT NULL,
	`target_id` text NOT NULL,
	`before` text,
	`after` text,
	`request_id` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_actor` ON `audit_log` (`actor_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_target` ON `audit_log` (`target_id`,`at`);--> statement-breakpoint
CREATE TABLE `support_conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`order_id` text,
	`email` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_message_at` integer NOT NULL,
	`last_author` text NOT NULL,
	`shopper_seen_at` integer,
	`away_email_due_at` integer
);
--> statement-breakpoint
CREATE INDEX `support_conversations_user` ON `support_conversations` (`user_id`,`order_id`);--> statement-breakpoint
CREATE INDEX `support_conversations_inbox` ON `support_conversations` (`last_message_at`,`id`);--> statement-breakpoint
CREATE INDEX `support_conversations_away` ON `support_conversations` (`away_email_due_at`);--> statement-breakpoint
CREATE TABLE `support_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`conversation_id` text NOT NULL,
	`author` text NOT NULL,
	`author_id` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `support_messages_conversation` ON `support_messages` (`conversation_id`,`id`);