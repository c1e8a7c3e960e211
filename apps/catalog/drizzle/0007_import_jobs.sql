CREATE TABLE `import_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`file_name` text NOT NULL,
	`status` text NOT NULL,
	`phase` text NOT NULL,
	`dry_run` integer NOT NULL,
	`strict` integer NOT NULL,
	`progress` real DEFAULT 0 NOT NULL,
	`counts` text NOT NULL,
	`errors` text NOT NULL,
	`error_count` integer DEFAULT 0 NOT NULL,
	`failure` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`finished_at` integer
);
