CREATE TABLE `access_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `staff_roles` (
	`id` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`permissions` text NOT NULL,
	`scope` text DEFAULT 'all' NOT NULL,
	`refund_limit` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
