CREATE TABLE `user_preferences` (
	`user_id` text PRIMARY KEY NOT NULL,
	`marketing_consent` integer DEFAULT false NOT NULL,
	`marketing_consent_at` integer,
	`region_id` text,
	`language` text,
	`channels` text DEFAULT '{}' NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
