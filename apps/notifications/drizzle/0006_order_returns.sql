CREATE TABLE `order_returns` (
	`return_id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`return_number` text NOT NULL
);
