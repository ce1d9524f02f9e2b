CREATE TABLE "daemon_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "embeddings" (
	"id" serial PRIMARY KEY NOT NULL,
	"owner_type" text NOT NULL,
	"owner_id" integer NOT NULL,
	"model" text NOT NULL,
	"content_hash" text NOT NULL,
	"vector" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "execution_history" (
	"id" serial PRIMARY KEY NOT NULL,
	"prompt_id" integer,
	"version_id" integer,
	"input_variables" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"rendered_prompt" text DEFAULT '' NOT NULL,
	"output" text DEFAULT '' NOT NULL,
	"model_used" text NOT NULL,
	"provider" text DEFAULT '' NOT NULL,
	"success" boolean NOT NULL,
	"error_message" text,
	"execution_time_ms" integer DEFAULT 0 NOT NULL,
	"queue_time_ms" integer DEFAULT 0 NOT NULL,
	"first_token_ms" integer,
	"tokens_input" integer DEFAULT 0 NOT NULL,
	"tokens_output" integer DEFAULT 0 NOT NULL,
	"tokens_used" integer DEFAULT 0 NOT NULL,
	"tokens_estimated" boolean DEFAULT false NOT NULL,
	"estimated_cost_micros" bigint,
	"from_cache" boolean DEFAULT false NOT NULL,
	"session_id" text,
	"user_id" text,
	"experiment_id" integer,
	"rating" integer,
	"feedback" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "finding_suppressions" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace" text NOT NULL,
	"fingerprint" text NOT NULL,
	"rule_id" text NOT NULL,
	"file_path" text DEFAULT '' NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "model_cache" (
	"id" serial PRIMARY KEY NOT NULL,
	"model_name" text NOT NULL,
	"prompt_hash" text NOT NULL,
	"parameters_hash" text NOT NULL,
	"prompt_id" integer,
	"response" text NOT NULL,
	"tokens_used" integer DEFAULT 0 NOT NULL,
	"size_bytes" integer DEFAULT 0 NOT NULL,
	"is_valid" boolean DEFAULT true NOT NULL,
	"access_count" integer DEFAULT 0 NOT NULL,
	"last_accessed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plugin_state" (
	"plugin_id" text PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"state" text DEFAULT 'loaded' NOT NULL,
	"error_message" text,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prompt_experiments" (
	"id" serial PRIMARY KEY NOT NULL,
	"prompt_id" integer NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"variants" jsonb NOT NULL,
	"winner_version_id" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "prompt_library" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"category" text NOT NULL,
	"use_case" text DEFAULT '' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" text DEFAULT '' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"model_type" text DEFAULT 'chat' NOT NULL,
	"temperature" double precision DEFAULT 0.2 NOT NULL,
	"max_tokens" integer DEFAULT 1024 NOT NULL,
	"system_prompt" text DEFAULT '' NOT NULL,
	"user_prompt_template" text NOT NULL,
	"few_shot_examples" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"variables" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cache_policy" text DEFAULT 'deterministic' NOT NULL,
	"cache_ttl_seconds" integer,
	"usage_count" integer DEFAULT 0 NOT NULL,
	"success_rate" double precision DEFAULT 0 NOT NULL,
	"avg_execution_time" double precision DEFAULT 0 NOT NULL,
	"avg_rating" double precision,
	"current_version_id" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prompt_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"prompt_id" integer NOT NULL,
	"version_number" integer NOT NULL,
	"system_prompt" text DEFAULT '' NOT NULL,
	"user_prompt_template" text NOT NULL,
	"few_shot_examples" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"variables" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"model_type" text DEFAULT 'chat' NOT NULL,
	"temperature" double precision DEFAULT 0.2 NOT NULL,
	"max_tokens" integer DEFAULT 1024 NOT NULL,
	"created_by" text DEFAULT '' NOT NULL,
	"change_notes" text DEFAULT '' NOT NULL,
	"is_deployed" boolean DEFAULT false NOT NULL,
	"deployed_at" timestamp (3) with time zone,
	"test_executions" integer DEFAULT 0 NOT NULL,
	"test_success_rate" double precision DEFAULT 0 NOT NULL,
	"test_avg_execution_time" double precision DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_config" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"base_model" text NOT NULL,
	"dataset_path" text DEFAULT '' NOT NULL,
	"hyperparameters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_by" text DEFAULT '' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_metric" (
	"id" serial PRIMARY KEY NOT NULL,
	"config_id" integer NOT NULL,
	"epoch" integer DEFAULT 0 NOT NULL,
	"step" integer DEFAULT 0 NOT NULL,
	"loss" double precision,
	"metrics" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"recorded_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "execution_history" ADD CONSTRAINT "execution_history_prompt_id_prompt_library_id_fk" FOREIGN KEY ("prompt_id") REFERENCES "public"."prompt_library"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "execution_history" ADD CONSTRAINT "execution_history_version_id_prompt_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."prompt_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prompt_experiments" ADD CONSTRAINT "prompt_experiments_prompt_id_prompt_library_id_fk" FOREIGN KEY ("prompt_id") REFERENCES "public"."prompt_library"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prompt_library" ADD CONSTRAINT "prompt_library_current_version_id_prompt_versions_id_fk" FOREIGN KEY ("current_version_id") REFERENCES "public"."prompt_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prompt_versions" ADD CONSTRAINT "prompt_versions_prompt_id_prompt_library_id_fk" FOREIGN KEY ("prompt_id") REFERENCES "public"."prompt_library"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_metric" ADD CONSTRAINT "training_metric_config_id_training_config_id_fk" FOREIGN KEY ("config_id") REFERENCES "public"."training_config"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "embeddings_owner_unique" ON "embeddings" USING btree ("owner_type","owner_id","model");--> statement-breakpoint
CREATE INDEX "idx_execution_history_prompt_id" ON "execution_history" USING btree ("prompt_id");--> statement-breakpoint
CREATE INDEX "idx_execution_history_version_id" ON "execution_history" USING btree ("version_id");--> statement-breakpoint
CREATE INDEX "idx_execution_history_created_at" ON "execution_history" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "idx_execution_history_model_used" ON "execution_history" USING btree ("model_used");--> statement-breakpoint
CREATE INDEX "idx_execution_history_success" ON "execution_history" USING btree ("success");--> statement-breakpoint
CREATE UNIQUE INDEX "finding_suppressions_unique" ON "finding_suppressions" USING btree ("workspace","fingerprint");--> statement-breakpoint
CREATE UNIQUE INDEX "model_cache_key_unique" ON "model_cache" USING btree ("model_name","prompt_hash","parameters_hash");--> statement-breakpoint
CREATE INDEX "idx_model_cache_expires_at" ON "model_cache" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "idx_model_cache_last_accessed" ON "model_cache" USING btree ("last_accessed_at");--> statement-breakpoint
CREATE INDEX "idx_model_cache_prompt_id" ON "model_cache" USING btree ("prompt_id");--> statement-breakpoint
CREATE INDEX "idx_prompt_experiments_prompt_id" ON "prompt_experiments" USING btree ("prompt_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "prompt_library_name_unique" ON "prompt_library" USING btree ("name");--> statement-breakpoint
CREATE INDEX "idx_prompt_library_category" ON "prompt_library" USING btree ("category");--> statement-breakpoint
CREATE INDEX "idx_prompt_library_is_active" ON "prompt_library" USING btree ("is_active");--> statement-breakpoint
CREATE INDEX "idx_prompt_library_updated_at" ON "prompt_library" USING btree ("updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "prompt_versions_prompt_version_unique" ON "prompt_versions" USING btree ("prompt_id","version_number");--> statement-breakpoint
CREATE INDEX "idx_prompt_versions_prompt_id" ON "prompt_versions" USING btree ("prompt_id");--> statement-breakpoint
CREATE INDEX "idx_prompt_versions_deployed" ON "prompt_versions" USING btree ("prompt_id","is_deployed");--> statement-breakpoint
CREATE UNIQUE INDEX "training_config_name_unique" ON "training_config" USING btree ("name");--> statement-breakpoint
CREATE INDEX "idx_training_config_status" ON "training_config" USING btree ("status");--> statement-breakpoint
CREATE INDEX "idx_training_metric_config_id" ON "training_metric" USING btree ("config_id","step");