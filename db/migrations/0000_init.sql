CREATE TYPE "public"."action_channel" AS ENUM('call', 'email', 'letter', 'task');--> statement-breakpoint
CREATE TYPE "public"."action_state" AS ENUM('open', 'done', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."event_source" AS ENUM('change_status', 'quick_promise', 'undo', 'import');--> statement-breakpoint
CREATE TYPE "public"."item_type" AS ENUM('invoice', 'credit_note', 'debit_note', 'payment');--> statement-breakpoint
CREATE TYPE "public"."status_category" AS ENUM('promise', 'dispute', 'other');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('admin', 'collector', 'viewer');--> statement-breakpoint
CREATE TABLE "action_items" (
	"action_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	CONSTRAINT "action_items_action_id_item_id_pk" PRIMARY KEY("action_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "action_templates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "action_templates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"channel" "action_channel" NOT NULL,
	"title" text NOT NULL,
	"instructions" text DEFAULT '' NOT NULL,
	"due_offset_days" smallint DEFAULT 0 NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_templates_due_offset_range" CHECK ("action_templates"."due_offset_days" between 0 and 30)
);
--> statement-breakpoint
CREATE TABLE "actions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "actions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"customer_id" integer NOT NULL,
	"template_id" integer,
	"channel" "action_channel" NOT NULL,
	"title" text NOT NULL,
	"instructions" text DEFAULT '' NOT NULL,
	"due_date" date NOT NULL,
	"state" "action_state" DEFAULT 'open' NOT NULL,
	"assignee_id" integer NOT NULL,
	"creator_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"completed_by_id" integer,
	"completion_note" text
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"actor_id" integer,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"event" text NOT NULL,
	"entity" text,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "customers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"collector_id" integer,
	"currency" char(3) NOT NULL,
	"contact_name" text,
	"contact_email" text,
	"contact_phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "item_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "item_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"item_id" integer NOT NULL,
	"customer_id" integer NOT NULL,
	"actor_id" integer NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"operation_id" uuid NOT NULL,
	"source" "event_source" NOT NULL,
	"old_status_id" integer,
	"new_status_id" integer,
	"old_promise_date" date,
	"new_promise_date" date,
	"comment" text,
	"quick_promise_application_id" integer
);
--> statement-breakpoint
CREATE TABLE "item_statuses" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "item_statuses_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"label" text NOT NULL,
	"category" "status_category" NOT NULL,
	"colour" text NOT NULL,
	"action_template_id" integer,
	"archived" boolean DEFAULT false NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "item_statuses_colour_hex" CHECK ("item_statuses"."colour" ~ '^#[0-9a-f]{6}$')
);
--> statement-breakpoint
CREATE TABLE "items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"customer_id" integer NOT NULL,
	"type" "item_type" NOT NULL,
	"document_number" text NOT NULL,
	"document_date" date NOT NULL,
	"due_date" date NOT NULL,
	"amount" bigint NOT NULL,
	"outstanding" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"status_id" integer,
	"promise_date" date,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "items_amount_sign" CHECK (("items"."type" in ('invoice', 'debit_note') and "items"."amount" > 0 and "items"."outstanding" between 0 and "items"."amount")
        or ("items"."type" in ('credit_note', 'payment') and "items"."amount" < 0 and "items"."outstanding" between "items"."amount" and 0))
);
--> statement-breakpoint
CREATE TABLE "organization_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"time_zone" text NOT NULL,
	"currency" char(3) NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"collectors_own_customers_only" boolean DEFAULT false NOT NULL,
	"quick_promise_status_id" integer,
	"quick_promise_delay_days" smallint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organization_settings_single_row" CHECK ("organization_settings"."id" = 1),
	CONSTRAINT "organization_settings_delay_range" CHECK ("organization_settings"."quick_promise_delay_days" between 0 and 5)
);
--> statement-breakpoint
CREATE TABLE "quick_promise_applications" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "quick_promise_applications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"idempotency_key" uuid NOT NULL,
	"request_hash" text NOT NULL,
	"actor_id" integer NOT NULL,
	"customer_id" integer NOT NULL,
	"status_id" integer NOT NULL,
	"promise_date" date NOT NULL,
	"item_count" integer NOT NULL,
	"totals" jsonb NOT NULL,
	"action_id" integer,
	"operation_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undone_at" timestamp with time zone,
	"undone_by_id" integer,
	CONSTRAINT "quick_promise_applications_count_positive" CHECK ("quick_promise_applications"."item_count" > 0)
);
--> statement-breakpoint
CREATE TABLE "revoked_sessions" (
	"session_id" uuid PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"revoked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_in_attempts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sign_in_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"email" text NOT NULL,
	"ip" text NOT NULL,
	"succeeded" boolean NOT NULL,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" "user_role" NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"locale" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_template_id_action_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."action_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_creator_id_users_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_completed_by_id_users_id_fk" FOREIGN KEY ("completed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_collector_id_users_id_fk" FOREIGN KEY ("collector_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_events" ADD CONSTRAINT "item_events_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_events" ADD CONSTRAINT "item_events_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_events" ADD CONSTRAINT "item_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_events" ADD CONSTRAINT "item_events_old_status_id_item_statuses_id_fk" FOREIGN KEY ("old_status_id") REFERENCES "public"."item_statuses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_events" ADD CONSTRAINT "item_events_new_status_id_item_statuses_id_fk" FOREIGN KEY ("new_status_id") REFERENCES "public"."item_statuses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_events" ADD CONSTRAINT "item_events_quick_promise_application_id_quick_promise_applications_id_fk" FOREIGN KEY ("quick_promise_application_id") REFERENCES "public"."quick_promise_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_statuses" ADD CONSTRAINT "item_statuses_action_template_id_action_templates_id_fk" FOREIGN KEY ("action_template_id") REFERENCES "public"."action_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_status_id_item_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."item_statuses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_settings" ADD CONSTRAINT "organization_settings_quick_promise_status_id_item_statuses_id_fk" FOREIGN KEY ("quick_promise_status_id") REFERENCES "public"."item_statuses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quick_promise_applications" ADD CONSTRAINT "quick_promise_applications_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quick_promise_applications" ADD CONSTRAINT "quick_promise_applications_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quick_promise_applications" ADD CONSTRAINT "quick_promise_applications_status_id_item_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."item_statuses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quick_promise_applications" ADD CONSTRAINT "quick_promise_applications_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quick_promise_applications" ADD CONSTRAINT "quick_promise_applications_undone_by_id_users_id_fk" FOREIGN KEY ("undone_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revoked_sessions" ADD CONSTRAINT "revoked_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_items_item_idx" ON "action_items" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "action_templates_name_lower_key" ON "action_templates" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "actions_customer_idx" ON "actions" USING btree ("customer_id","due_date");--> statement-breakpoint
CREATE INDEX "actions_template_idx" ON "actions" USING btree ("template_id");--> statement-breakpoint
CREATE INDEX "actions_assignee_state_due_idx" ON "actions" USING btree ("assignee_id","state","due_date");--> statement-breakpoint
CREATE INDEX "actions_state_due_idx" ON "actions" USING btree ("state","due_date");--> statement-breakpoint
CREATE INDEX "actions_creator_idx" ON "actions" USING btree ("creator_id");--> statement-breakpoint
CREATE INDEX "actions_completed_by_idx" ON "actions" USING btree ("completed_by_id");--> statement-breakpoint
CREATE INDEX "audit_log_occurred_idx" ON "audit_log" USING btree ("occurred_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "audit_log_event_idx" ON "audit_log" USING btree ("event");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_code_key" ON "customers" USING btree ("code");--> statement-breakpoint
CREATE INDEX "customers_collector_idx" ON "customers" USING btree ("collector_id");--> statement-breakpoint
CREATE INDEX "customers_name_lower_idx" ON "customers" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "item_events_customer_occurred_idx" ON "item_events" USING btree ("customer_id","occurred_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "item_events_item_idx" ON "item_events" USING btree ("item_id","id");--> statement-breakpoint
CREATE INDEX "item_events_actor_idx" ON "item_events" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "item_events_operation_idx" ON "item_events" USING btree ("operation_id");--> statement-breakpoint
CREATE INDEX "item_events_old_status_idx" ON "item_events" USING btree ("old_status_id");--> statement-breakpoint
CREATE INDEX "item_events_new_status_idx" ON "item_events" USING btree ("new_status_id");--> statement-breakpoint
CREATE INDEX "item_events_application_idx" ON "item_events" USING btree ("quick_promise_application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "item_statuses_label_lower_key" ON "item_statuses" USING btree (lower("label"));--> statement-breakpoint
CREATE INDEX "item_statuses_action_template_idx" ON "item_statuses" USING btree ("action_template_id");--> statement-breakpoint
CREATE INDEX "item_statuses_sort_idx" ON "item_statuses" USING btree ("archived","sort_order");--> statement-breakpoint
CREATE UNIQUE INDEX "items_customer_document_key" ON "items" USING btree ("customer_id","document_number");--> statement-breakpoint
CREATE INDEX "items_customer_due_idx" ON "items" USING btree ("customer_id","due_date","id");--> statement-breakpoint
CREATE INDEX "items_customer_open_idx" ON "items" USING btree ("customer_id","due_date") WHERE "items"."outstanding" <> 0;--> statement-breakpoint
CREATE INDEX "items_status_idx" ON "items" USING btree ("status_id");--> statement-breakpoint
CREATE INDEX "items_promise_date_idx" ON "items" USING btree ("promise_date");--> statement-breakpoint
CREATE INDEX "organization_settings_quick_promise_status_idx" ON "organization_settings" USING btree ("quick_promise_status_id");--> statement-breakpoint
CREATE UNIQUE INDEX "quick_promise_applications_key" ON "quick_promise_applications" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "quick_promise_applications_customer_idx" ON "quick_promise_applications" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "quick_promise_applications_actor_idx" ON "quick_promise_applications" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "quick_promise_applications_status_idx" ON "quick_promise_applications" USING btree ("status_id");--> statement-breakpoint
CREATE INDEX "quick_promise_applications_action_idx" ON "quick_promise_applications" USING btree ("action_id");--> statement-breakpoint
CREATE INDEX "quick_promise_applications_undone_by_idx" ON "quick_promise_applications" USING btree ("undone_by_id");--> statement-breakpoint
CREATE INDEX "revoked_sessions_user_idx" ON "revoked_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "revoked_sessions_expires_idx" ON "revoked_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "sign_in_attempts_email_idx" ON "sign_in_attempts" USING btree ("email","attempted_at");--> statement-breakpoint
CREATE INDEX "sign_in_attempts_ip_idx" ON "sign_in_attempts" USING btree ("ip","attempted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_role_idx" ON "users" USING btree ("role");