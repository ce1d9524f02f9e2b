CREATE TABLE `daemon_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `embeddings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`owner_type` text NOT NULL,
	`owner_id` integer NOT NULL,
	`model` text NOT NULL,
	`content_hash` text NOT NULL,
	`vector` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `embeddings_owner_unique` ON `embeddings` (`owner_type`,`owner_id`,`model`);--> statement-breakpoint
CREATE TABLE `execution_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`prompt_id` integer,
	`version_id` integer,
	`input_variables` text DEFAULT '{}' NOT NULL,
	`rendered_prompt` text DEFAULT '' NOT NULL,
	`output` text DEFAULT '' NOT NULL,
	`model_used` text NOT NULL,
	`provider` text DEFAULT '' NOT NULL,
	`success` integer NOT NULL,
	`error_message` text,
	`execution_time_ms` integer DEFAULT 0 NOT NULL,
	`queue_time_ms` integer DEFAULT 0 NOT NULL,
	`first_token_ms` integer,
	`tokens_input` integer DEFAULT 0 NOT NULL,
	`tokens_output` integer DEFAULT 0 NOT NULL,
	`tokens_used` integer DEFAULT 0 NOT NULL,
	`tokens_estimated` integer DEFAULT false NOT NULL,
	`estimated_cost_micros` integer,
	`from_cache` integer DEFAULT false NOT NULL,
	`session_id` text,
	`user_id` text,
	`experiment_id` integer,
	`rating` integer,
	`feedback` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`prompt_id`) REFERENCES `prompt_library`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`version_id`) REFERENCES `prompt_versions`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `idx_execution_history_prompt_id` ON `execution_history` (`prompt_id`);--> statement-breakpoint
CREATE INDEX `idx_execution_history_version_id` ON `execution_history` (`version_id`);--> statement-breakpoint
CREATE INDEX `idx_execution_history_created_at` ON `execution_history` (`created_at`);--> statement-breakpoint
CREATE INDEX `idx_execution_history_model_used` ON `execution_history` (`model_used`);--> statement-breakpoint
CREATE INDEX `idx_execution_history_success` ON `execution_history` (`success`);--> statement-breakpoint
CREATE TABLE `finding_suppressions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace` text NOT NULL,
	`fingerprint` text NOT NULL,
	`rule_id` text NOT NULL,
	`file_path` text DEFAULT '' NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `finding_suppressions_unique` ON `finding_suppressions` (`workspace`,`fingerprint`);--> statement-breakpoint
CREATE TABLE `model_cache` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`model_name` text NOT NULL,
	`prompt_hash` text NOT NULL,
	`parameters_hash` text NOT NULL,
	`prompt_id` integer,
	`response` text NOT NULL,
	`tokens_used` integer DEFAULT 0 NOT NULL,
	`size_bytes` integer DEFAULT 0 NOT NULL,
	`is_valid` integer DEFAULT true NOT NULL,
	`access_count` integer DEFAULT 0 NOT NULL,
	`last_accessed_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `model_cache_key_unique` ON `model_cache` (`model_name`,`prompt_hash`,`parameters_hash`);--> statement-breakpoint
CREATE INDEX `idx_model_cache_expires_at` ON `model_cache` (`expires_at`);--> statement-breakpoint
CREATE INDEX `idx_model_cache_last_accessed` ON `model_cache` (`last_accessed_at`);--> statement-breakpoint
CREATE INDEX `idx_model_cache_prompt_id` ON `model_cache` (`prompt_id`);--> statement-breakpoint
CREATE TABLE `plugin_state` (
	`plugin_id` text PRIMARY KEY NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`state` text DEFAULT 'loaded' NOT NULL,
	`error_message` text,
	`settings` text DEFAULT '{}' NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `prompt_experiments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`prompt_id` integer NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'running' NOT NULL,
	`variants` text NOT NULL,
	`winner_version_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`prompt_id`) REFERENCES `prompt_library`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `idx_prompt_experiments_prompt_id` ON `prompt_experiments` (`prompt_id`,`status`);--> statement-breakpoint
CREATE TABLE `prompt_library` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`category` text NOT NULL,
	`use_case` text DEFAULT '' NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`created_by` text DEFAULT '' NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`model_type` text DEFAULT 'chat' NOT NULL,
	`temperature` real DEFAULT 0.2 NOT NULL,
	`max_tokens` integer DEFAULT 1024 NOT NULL,
	`system_prompt` text DEFAULT '' NOT NULL,
	`user_prompt_template` text NOT NULL,
	`few_shot_examples` text DEFAULT '[]' NOT NULL,
	`variables` text DEFAULT '[]' NOT NULL,
	`cache_policy` text DEFAULT 'deterministic' NOT NULL,
	`cache_ttl_seconds` integer,
	`usage_count` integer DEFAULT 0 NOT NULL,
	`success_rate` real DEFAULT 0 NOT NULL,
	`avg_execution_time` real DEFAULT 0 NOT NULL,
	`avg_rating` real,
	`current_version_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`current_version_id`) REFERENCES `prompt_versions`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `prompt_library_name_unique` ON `prompt_library` (`name`);--> statement-breakpoint
CREATE INDEX `idx_prompt_library_category` ON `prompt_library` (`category`);--> statement-breakpoint
CREATE INDEX `idx_prompt_library_is_active` ON `prompt_library` (`is_active`);--> statement-breakpoint
CREATE INDEX `idx_prompt_library_updated_at` ON `prompt_library` (`updated_at`);--> statement-breakpoint
CREATE TABLE `prompt_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`prompt_id` integer NOT NULL,
	`version_number` integer NOT NULL,
	`system_prompt` text DEFAULT '' NOT NULL,
	`user_prompt_template` text NOT NULL,
	`few_shot_examples` text DEFAULT '[]' NOT NULL,
	`variables` text DEFAULT '[]' NOT NULL,
	`model_type` text DEFAULT 'chat' NOT NULL,
	`temperature` real DEFAULT 0.2 NOT NULL,
	`max_tokens` integer DEFAULT 1024 NOT NULL,
	`created_by` text DEFAULT '' NOT NULL,
	`change_notes` text DEFAULT '' NOT NULL,
	`is_deployed` integer DEFAULT false NOT NULL,
	`deployed_at` integer,
	`test_executions` integer DEFAULT 0 NOT NULL,
	`test_success_rate` real DEFAULT 0 NOT NULL,
	`test_avg_execution_time` real DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`prompt_id`) REFERENCES `prompt_library`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `prompt_versions_prompt_version_unique` ON `prompt_versions` (`prompt_id`,`version_number`);--> statement-breakpoint
CREATE INDEX `idx_prompt_versions_prompt_id` ON `prompt_versions` (`prompt_id`);--> statement-breakpoint
CREATE INDEX `idx_prompt_versions_deployed` ON `prompt_versions` (`prompt_id`,`is_deployed`);--> statement-breakpoint
CREATE TABLE `training_config` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`base_model` text NOT NULL,
	`dataset_path` text DEFAULT '' NOT NULL,
	`hyperparameters` text DEFAULT '{}' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`created_by` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_config_name_unique` ON `training_config` (`name`);--> statement-breakpoint
CREATE INDEX `idx_training_config_status` ON `training_config` (`status`);--> statement-breakpoint
CREATE TABLE `training_metric` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`config_id` integer NOT NULL,
	`epoch` integer DEFAULT 0 NOT NULL,
	`step` integer DEFAULT 0 NOT NULL,
	`loss` real,
	`metrics` text DEFAULT '{}' NOT NULL,
	`recorded_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`config_id`) REFERENCES `training_config`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `idx_training_metric_config_id` ON `training_metric` (`config_id`,`step`);