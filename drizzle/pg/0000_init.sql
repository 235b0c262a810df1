CREATE TABLE "base_pseudo_positions" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"connection_id" text NOT NULL,
	"symbol" text NOT NULL,
	"indication_type" text DEFAULT 'optimal' NOT NULL,
	"side" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"take_profit_factor" numeric(18, 8) DEFAULT '0.00000000' NOT NULL,
	"stop_loss_ratio" numeric(18, 8) DEFAULT '0.00000000' NOT NULL,
	"trailing_enabled" boolean DEFAULT false NOT NULL,
	"entry_price" numeric(38, 18),
	"position_cost" numeric(38, 18),
	"positions_count" integer DEFAULT 0 NOT NULL,
	"winning_count" integer DEFAULT 0 NOT NULL,
	"losing_count" integer DEFAULT 0 NOT NULL,
	"total_pnl" numeric(38, 18) DEFAULT '0.000000000000000000' NOT NULL,
	"profit_factor" numeric(18, 8),
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_bpp_indication_type" CHECK ("indication_type" IN ('direction', 'move', 'active', 'optimal', 'auto')),
	CONSTRAINT "ck_bpp_side" CHECK ("side" IN ('long', 'short')),
	CONSTRAINT "ck_bpp_status" CHECK ("status" IN ('active', 'pending', 'closed', 'cancelled', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "connection_coordination" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"connection_id" text NOT NULL,
	"worker_id" text NOT NULL,
	"status" text DEFAULT 'idle' NOT NULL,
	"heartbeat_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"lease_expires_at" timestamp (3) with time zone,
	"state" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_cco_connection_worker" UNIQUE("connection_id","worker_id"),
	CONSTRAINT "ck_cco_status" CHECK ("status" IN ('active', 'idle', 'stopping', 'stopped', 'error'))
);
--> statement-breakpoint
CREATE TABLE "exchange_connections" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"name" text NOT NULL,
	"exchange" text NOT NULL,
	"api_type" text DEFAULT 'perpetual_futures' NOT NULL,
	"connection_method" text DEFAULT 'rest' NOT NULL,
	"api_key" text,
	"api_secret" text,
	"api_passphrase" text,
	"is_testnet" boolean DEFAULT false NOT NULL,
	"is_enabled" boolean DEFAULT true NOT NULL,
	"is_live_trading" boolean DEFAULT false NOT NULL,
	"margin_type" text DEFAULT 'cross' NOT NULL,
	"position_mode" text DEFAULT 'hedge' NOT NULL,
	"volume_factor" numeric(18, 8) DEFAULT '1.00000000' NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_tested_at" timestamp (3) with time zone,
	"last_test_status" text DEFAULT 'untested' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_exc_name" UNIQUE("name"),
	CONSTRAINT "ck_exc_api_type" CHECK ("api_type" IN ('spot', 'perpetual_futures', 'futures', 'margin')),
	CONSTRAINT "ck_exc_connection_method" CHECK ("connection_method" IN ('rest', 'websocket', 'library')),
	CONSTRAINT "ck_exc_margin_type" CHECK ("margin_type" IN ('cross', 'isolated')),
	CONSTRAINT "ck_exc_position_mode" CHECK ("position_mode" IN ('hedge', 'one_way')),
	CONSTRAINT "ck_exc_last_test_status" CHECK ("last_test_status" IN ('success', 'failed', 'untested'))
);
--> statement-breakpoint
CREATE TABLE "exchange_positions" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"connection_id" text NOT NULL,
	"real_pseudo_position_id" text,
	"exchange_position_id" text,
	"symbol" text NOT NULL,
	"side" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"entry_price" numeric(38, 18) NOT NULL,
	"mark_price" numeric(38, 18),
	"liquidation_price" numeric(38, 18),
	"quantity" numeric(38, 18) NOT NULL,
	"leverage" integer DEFAULT 1 NOT NULL,
	"margin_type" text DEFAULT 'cross' NOT NULL,
	"margin" numeric(38, 18),
	"unrealized_pnl" numeric(38, 18) DEFAULT '0.000000000000000000' NOT NULL,
	"realized_pnl" numeric(38, 18) DEFAULT '0.000000000000000000' NOT NULL,
	"raw" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"opened_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp (3) with time zone,
	"synced_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_xp_conn_exchange_pos" UNIQUE("connection_id","exchange_position_id"),
	CONSTRAINT "ck_xp_side" CHECK ("side" IN ('long', 'short')),
	CONSTRAINT "ck_xp_status" CHECK ("status" IN ('active', 'pending', 'closed', 'cancelled', 'failed')),
	CONSTRAINT "ck_xp_margin_type" CHECK ("margin_type" IN ('cross', 'isolated'))
);
--> statement-breakpoint
CREATE TABLE "indication_history" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"indication_state_id" text NOT NULL,
	"connection_id" text NOT NULL,
	"symbol" text NOT NULL,
	"indication_type" text NOT NULL,
	"timeframe" text DEFAULT '1m' NOT NULL,
	"side" text,
	"value" numeric(38, 18),
	"state" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"calculated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_ind_his_indication_type" CHECK ("indication_type" IN ('direction', 'move', 'active', 'optimal', 'auto')),
	CONSTRAINT "ck_ind_his_timeframe" CHECK ("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w')),
	CONSTRAINT "ck_ind_his_side" CHECK ("side" IN ('long', 'short'))
);
--> statement-breakpoint
CREATE TABLE "indication_states" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"connection_id" text NOT NULL,
	"symbol" text NOT NULL,
	"indication_type" text NOT NULL,
	"timeframe" text DEFAULT '1m' NOT NULL,
	"side" text,
	"status" text DEFAULT 'active' NOT NULL,
	"last_value" numeric(38, 18),
	"state" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_signal_at" timestamp (3) with time zone,
	"calculated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_ind_st_conn_sym_type_tf" UNIQUE("connection_id","symbol","indication_type","timeframe"),
	CONSTRAINT "ck_ind_st_indication_type" CHECK ("indication_type" IN ('direction', 'move', 'active', 'optimal', 'auto')),
	CONSTRAINT "ck_ind_st_timeframe" CHECK ("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w')),
	CONSTRAINT "ck_ind_st_side" CHECK ("side" IN ('long', 'short')),
	CONSTRAINT "ck_ind_st_status" CHECK ("status" IN ('active', 'inactive', 'expired', 'archived'))
);
--> statement-breakpoint
CREATE TABLE "indications_active" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"connection_id" text NOT NULL,
	"symbol" text NOT NULL,
	"timeframe" text DEFAULT '1m' NOT NULL,
	"side" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"activity_ratio" numeric(18, 8) DEFAULT '0.00000000' NOT NULL,
	"volume_ratio" numeric(18, 8),
	"price_change_percent" numeric(18, 8) DEFAULT '0.00000000' NOT NULL,
	"last_price" numeric(38, 18),
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"calculated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_ind_act_timeframe" CHECK ("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w')),
	CONSTRAINT "ck_ind_act_side" CHECK ("side" IN ('long', 'short')),
	CONSTRAINT "ck_ind_act_status" CHECK ("status" IN ('active', 'inactive', 'expired', 'archived'))
);
--> statement-breakpoint
CREATE TABLE "indications_auto" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"connection_id" text NOT NULL,
	"symbol" text NOT NULL,
	"timeframe" text DEFAULT '1m' NOT NULL,
	"side" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"indicator_name" text NOT NULL,
	"indicator_value" numeric(38, 18),
	"signal_strength" numeric(18, 8) DEFAULT '0.00000000' NOT NULL,
	"parameters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"calculated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_ind_aut_timeframe" CHECK ("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w')),
	CONSTRAINT "ck_ind_aut_side" CHECK ("side" IN ('long', 'short')),
	CONSTRAINT "ck_ind_aut_status" CHECK ("status" IN ('active', 'inactive', 'expired', 'archived'))
);
--> statement-breakpoint
CREATE TABLE "indications_direction" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"connection_id" text NOT NULL,
	"symbol" text NOT NULL,
	"timeframe" text DEFAULT '1m' NOT NULL,
	"side" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"range_steps" integer DEFAULT 0 NOT NULL,
	"strength" numeric(18, 8) DEFAULT '0.00000000' NOT NULL,
	"confidence" numeric(10, 8),
	"price_at_calculation" numeric(38, 18),
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"calculated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_ind_dir_timeframe" CHECK ("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w')),
	CONSTRAINT "ck_ind_dir_side" CHECK ("side" IN ('long', 'short')),
	CONSTRAINT "ck_ind_dir_status" CHECK ("status" IN ('active', 'inactive', 'expired', 'archived'))
);
--> statement-breakpoint
CREATE TABLE "indications_move" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"connection_id" text NOT NULL,
	"symbol" text NOT NULL,
	"timeframe" text DEFAULT '1m' NOT NULL,
	"side" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"price_from" numeric(38, 18) NOT NULL,
	"price_to" numeric(38, 18) NOT NULL,
	"move_percent" numeric(18, 8) DEFAULT '0.00000000' NOT NULL,
	"window_seconds" integer DEFAULT 60 NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"calculated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_ind_mov_timeframe" CHECK ("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w')),
	CONSTRAINT "ck_ind_mov_side" CHECK ("side" IN ('long', 'short')),
	CONSTRAINT "ck_ind_mov_status" CHECK ("status" IN ('active', 'inactive', 'expired', 'archived'))
);
--> statement-breakpoint
CREATE TABLE "indications_optimal" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"connection_id" text NOT NULL,
	"symbol" text NOT NULL,
	"timeframe" text DEFAULT '1m' NOT NULL,
	"side" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"entry_price" numeric(38, 18),
	"take_profit_price" numeric(38, 18),
	"stop_loss_price" numeric(38, 18),
	"take_profit_factor" numeric(18, 8) DEFAULT '0.00000000' NOT NULL,
	"stop_loss_ratio" numeric(18, 8) DEFAULT '0.00000000' NOT NULL,
	"trailing_enabled" boolean DEFAULT false NOT NULL,
	"score" numeric(18, 8) DEFAULT '0.00000000' NOT NULL,
	"configuration" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"calculated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_ind_opt_timeframe" CHECK ("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w')),
	CONSTRAINT "ck_ind_opt_side" CHECK ("side" IN ('long', 'short')),
	CONSTRAINT "ck_ind_opt_status" CHECK ("status" IN ('active', 'inactive', 'expired', 'archived'))
);
--> statement-breakpoint
CREATE TABLE "preset_configurations" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"preset_id" text NOT NULL,
	"symbol" text NOT NULL,
	"indication_type" text DEFAULT 'direction' NOT NULL,
	"timeframe" text DEFAULT '1m' NOT NULL,
	"take_profit_factor" numeric(18, 8) DEFAULT '0.00000000' NOT NULL,
	"stop_loss_ratio" numeric(18, 8) DEFAULT '0.00000000' NOT NULL,
	"trailing_enabled" boolean DEFAULT false NOT NULL,
	"position_cost" numeric(38, 18),
	"leverage" integer DEFAULT 1 NOT NULL,
	"is_enabled" boolean DEFAULT true NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_pre_cfg_preset_symbol" UNIQUE("preset_id","symbol","indication_type","timeframe"),
	CONSTRAINT "ck_pre_cfg_indication_type" CHECK ("indication_type" IN ('direction', 'move', 'active', 'optimal', 'auto')),
	CONSTRAINT "ck_pre_cfg_timeframe" CHECK ("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w'))
);
--> statement-breakpoint
CREATE TABLE "preset_pseudo_positions" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"preset_id" text NOT NULL,
	"configuration_id" text,
	"connection_id" text NOT NULL,
	"symbol" text NOT NULL,
	"side" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"entry_price" numeric(38, 18) NOT NULL,
	"current_price" numeric(38, 18),
	"exit_price" numeric(38, 18),
	"quantity" numeric(38, 18) NOT NULL,
	"take_profit_price" numeric(38, 18),
	"stop_loss_price" numeric(38, 18),
	"unrealized_pnl" numeric(38, 18) DEFAULT '0.000000000000000000' NOT NULL,
	"realized_pnl" numeric(38, 18) DEFAULT '0.000000000000000000' NOT NULL,
	"close_reason" text,
	"opened_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_pre_pp_side" CHECK ("side" IN ('long', 'short')),
	CONSTRAINT "ck_pre_pp_status" CHECK ("status" IN ('active', 'pending', 'closed', 'cancelled', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "preset_trade_engine_state" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"preset_id" text NOT NULL,
	"connection_id" text NOT NULL,
	"status" text DEFAULT 'idle' NOT NULL,
	"cycle_count" bigint DEFAULT 0 NOT NULL,
	"last_error" text,
	"state" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"started_at" timestamp (3) with time zone,
	"stopped_at" timestamp (3) with time zone,
	"heartbeat_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_pre_tes_preset_conn" UNIQUE("preset_id","connection_id"),
	CONSTRAINT "ck_pre_tes_status" CHECK ("status" IN ('active', 'idle', 'paused', 'stopped', 'error'))
);
--> statement-breakpoint
CREATE TABLE "preset_trades" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"preset_id" text NOT NULL,
	"preset_pseudo_position_id" text,
	"connection_id" text NOT NULL,
	"symbol" text NOT NULL,
	"side" text NOT NULL,
	"action" text NOT NULL,
	"price" numeric(38, 18) NOT NULL,
	"quantity" numeric(38, 18) NOT NULL,
	"fee" numeric(38, 18) DEFAULT '0.000000000000000000' NOT NULL,
	"realized_pnl" numeric(38, 18) DEFAULT '0.000000000000000000' NOT NULL,
	"executed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_pre_trd_side" CHECK ("side" IN ('long', 'short')),
	CONSTRAINT "ck_pre_trd_action" CHECK ("action" IN ('open', 'increase', 'reduce', 'close'))
);
--> statement-breakpoint
CREATE TABLE "presets" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"is_predefined" boolean DEFAULT false NOT NULL,
	"is_enabled" boolean DEFAULT true NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_pre_name" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "pseudo_positions" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"connection_id" text NOT NULL,
	"strategy_id" text,
	"symbol" text NOT NULL,
	"timeframe" text DEFAULT '1m' NOT NULL,
	"side" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"entry_price" numeric(38, 18) NOT NULL,
	"current_price" numeric(38, 18),
	"exit_price" numeric(38, 18),
	"quantity" numeric(38, 18) NOT NULL,
	"take_profit_price" numeric(38, 18),
	"stop_loss_price" numeric(38, 18),
	"take_profit_factor" numeric(18, 8),
	"stop_loss_ratio" numeric(18, 8),
	"trailing_enabled" boolean DEFAULT false NOT NULL,
	"unrealized_pnl" numeric(38, 18) DEFAULT '0.000000000000000000' NOT NULL,
	"realized_pnl" numeric(38, 18) DEFAULT '0.000000000000000000' NOT NULL,
	"close_reason" text,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"opened_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_pp_timeframe" CHECK ("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w')),
	CONSTRAINT "ck_pp_side" CHECK ("side" IN ('long', 'short')),
	CONSTRAINT "ck_pp_status" CHECK ("status" IN ('active', 'pending', 'closed', 'cancelled', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "real_pseudo_positions" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"connection_id" text NOT NULL,
	"pseudo_position_id" text NOT NULL,
	"symbol" text NOT NULL,
	"side" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"entry_price" numeric(38, 18) NOT NULL,
	"current_price" numeric(38, 18),
	"exit_price" numeric(38, 18),
	"quantity" numeric(38, 18) NOT NULL,
	"take_profit_price" numeric(38, 18),
	"stop_loss_price" numeric(38, 18),
	"unrealized_pnl" numeric(38, 18) DEFAULT '0.000000000000000000' NOT NULL,
	"realized_pnl" numeric(38, 18) DEFAULT '0.000000000000000000' NOT NULL,
	"close_reason" text,
	"validated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"opened_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_rpp_side" CHECK ("side" IN ('long', 'short')),
	CONSTRAINT "ck_rpp_status" CHECK ("status" IN ('active', 'pending', 'closed', 'cancelled', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "site_logs" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"level" text DEFAULT 'info' NOT NULL,
	"category" text DEFAULT 'system' NOT NULL,
	"source" text,
	"message" text NOT NULL,
	"context" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error_stack" text,
	"connection_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_slog_level" CHECK ("level" IN ('debug', 'info', 'warn', 'error', 'fatal'))
);
--> statement-breakpoint
CREATE TABLE "statistics_daily" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"connection_id" text NOT NULL,
	"stat_date" text NOT NULL,
	"positions_opened" integer DEFAULT 0 NOT NULL,
	"positions_closed" integer DEFAULT 0 NOT NULL,
	"total_trades" integer DEFAULT 0 NOT NULL,
	"winning_trades" integer DEFAULT 0 NOT NULL,
	"losing_trades" integer DEFAULT 0 NOT NULL,
	"volume" numeric(38, 18) DEFAULT '0.000000000000000000' NOT NULL,
	"realized_pnl" numeric(38, 18) DEFAULT '0.000000000000000000' NOT NULL,
	"fees" numeric(38, 18) DEFAULT '0.000000000000000000' NOT NULL,
	"metrics" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"calculated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_st_day_conn_date" UNIQUE("connection_id","stat_date")
);
--> statement-breakpoint
CREATE TABLE "statistics_indication" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"connection_id" text NOT NULL,
	"symbol" text NOT NULL,
	"indication_type" text NOT NULL,
	"timeframe" text DEFAULT '1m' NOT NULL,
	"period_start" timestamp (3) with time zone NOT NULL,
	"period_end" timestamp (3) with time zone NOT NULL,
	"signals_count" integer DEFAULT 0 NOT NULL,
	"success_count" integer DEFAULT 0 NOT NULL,
	"success_rate" numeric(10, 8),
	"avg_profit_percent" numeric(18, 8),
	"metrics" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"calculated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_st_ind_period" UNIQUE("connection_id","symbol","indication_type","timeframe","period_start"),
	CONSTRAINT "ck_st_ind_indication_type" CHECK ("indication_type" IN ('direction', 'move', 'active', 'optimal', 'auto')),
	CONSTRAINT "ck_st_ind_timeframe" CHECK ("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w'))
);
--> statement-breakpoint
CREATE TABLE "statistics_strategy" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"connection_id" text NOT NULL,
	"strategy_id" text NOT NULL,
	"symbol" text NOT NULL,
	"period_start" timestamp (3) with time zone NOT NULL,
	"period_end" timestamp (3) with time zone NOT NULL,
	"total_trades" integer DEFAULT 0 NOT NULL,
	"winning_trades" integer DEFAULT 0 NOT NULL,
	"losing_trades" integer DEFAULT 0 NOT NULL,
	"win_rate" numeric(10, 8),
	"profit_factor" numeric(18, 8),
	"total_pnl" numeric(38, 18) DEFAULT '0.000000000000000000' NOT NULL,
	"max_drawdown" numeric(18, 8),
	"metrics" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"calculated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_st_str_period" UNIQUE("strategy_id","period_start")
);
--> statement-breakpoint
CREATE TABLE "strategies_base" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"connection_id" text NOT NULL,
	"name" text NOT NULL,
	"symbol" text NOT NULL,
	"timeframe" text DEFAULT '1m' NOT NULL,
	"side" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"indication_type" text DEFAULT 'direction' NOT NULL,
	"take_profit_factor" numeric(18, 8) DEFAULT '0.00000000' NOT NULL,
	"stop_loss_ratio" numeric(18, 8) DEFAULT '0.00000000' NOT NULL,
	"trailing_enabled" boolean DEFAULT false NOT NULL,
	"position_cost" numeric(38, 18),
	"profit_factor" numeric(18, 8),
	"win_rate" numeric(10, 8),
	"total_trades" integer DEFAULT 0 NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"evaluated_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_str_base_timeframe" CHECK ("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w')),
	CONSTRAINT "ck_str_base_side" CHECK ("side" IN ('long', 'short')),
	CONSTRAINT "ck_str_base_status" CHECK ("status" IN ('active', 'inactive', 'expired', 'archived')),
	CONSTRAINT "ck_str_base_indication_type" CHECK ("indication_type" IN ('direction', 'move', 'active', 'optimal', 'auto'))
);
--> statement-breakpoint
CREATE TABLE "strategies_block" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"connection_id" text NOT NULL,
	"base_strategy_id" text NOT NULL,
	"symbol" text NOT NULL,
	"timeframe" text DEFAULT '1m' NOT NULL,
	"side" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"block_size" integer DEFAULT 1 NOT NULL,
	"max_blocks" integer DEFAULT 1 NOT NULL,
	"block_volume_factor" numeric(18, 8) DEFAULT '1.00000000' NOT NULL,
	"profit_factor" numeric(18, 8),
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_str_blk_timeframe" CHECK ("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w')),
	CONSTRAINT "ck_str_blk_side" CHECK ("side" IN ('long', 'short')),
	CONSTRAINT "ck_str_blk_status" CHECK ("status" IN ('active', 'inactive', 'expired', 'archived'))
);
--> statement-breakpoint
CREATE TABLE "strategies_dca" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"connection_id" text NOT NULL,
	"base_strategy_id" text NOT NULL,
	"symbol" text NOT NULL,
	"timeframe" text DEFAULT '1m' NOT NULL,
	"side" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"max_orders" integer DEFAULT 3 NOT NULL,
	"step_percent" numeric(18, 8) DEFAULT '1.00000000' NOT NULL,
	"volume_multiplier" numeric(18, 8) DEFAULT '1.00000000' NOT NULL,
	"levels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"profit_factor" numeric(18, 8),
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_str_dca_timeframe" CHECK ("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w')),
	CONSTRAINT "ck_str_dca_side" CHECK ("side" IN ('long', 'short')),
	CONSTRAINT "ck_str_dca_status" CHECK ("status" IN ('active', 'inactive', 'expired', 'archived'))
);
--> statement-breakpoint
CREATE TABLE "strategies_main" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"connection_id" text NOT NULL,
	"base_strategy_id" text NOT NULL,
	"symbol" text NOT NULL,
	"timeframe" text DEFAULT '1m' NOT NULL,
	"side" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"position_cost" numeric(38, 18),
	"max_positions" integer DEFAULT 1 NOT NULL,
	"profit_factor" numeric(18, 8),
	"max_drawdown" numeric(18, 8),
	"total_trades" integer DEFAULT 0 NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"evaluated_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_str_main_timeframe" CHECK ("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w')),
	CONSTRAINT "ck_str_main_side" CHECK ("side" IN ('long', 'short')),
	CONSTRAINT "ck_str_main_status" CHECK ("status" IN ('active', 'inactive', 'expired', 'archived'))
);
--> statement-breakpoint
CREATE TABLE "strategies_real" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"connection_id" text NOT NULL,
	"base_strategy_id" text NOT NULL,
	"symbol" text NOT NULL,
	"timeframe" text DEFAULT '1m' NOT NULL,
	"side" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"volume" numeric(38, 18) DEFAULT '0.000000000000000000' NOT NULL,
	"leverage" integer DEFAULT 1 NOT NULL,
	"min_profit_factor" numeric(18, 8),
	"profit_factor" numeric(18, 8),
	"total_trades" integer DEFAULT 0 NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"activated_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_str_real_timeframe" CHECK ("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w')),
	CONSTRAINT "ck_str_real_side" CHECK ("side" IN ('long', 'short')),
	CONSTRAINT "ck_str_real_status" CHECK ("status" IN ('active', 'inactive', 'expired', 'archived'))
);
--> statement-breakpoint
CREATE TABLE "strategies_trailing" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"connection_id" text NOT NULL,
	"base_strategy_id" text NOT NULL,
	"symbol" text NOT NULL,
	"timeframe" text DEFAULT '1m' NOT NULL,
	"side" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"activation_percent" numeric(18, 8) DEFAULT '0.00000000' NOT NULL,
	"trailing_percent" numeric(18, 8) DEFAULT '0.00000000' NOT NULL,
	"trailing_step_percent" numeric(18, 8),
	"activation_price" numeric(38, 18),
	"profit_factor" numeric(18, 8),
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_str_trl_timeframe" CHECK ("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w')),
	CONSTRAINT "ck_str_trl_side" CHECK ("side" IN ('long', 'short')),
	CONSTRAINT "ck_str_trl_status" CHECK ("status" IN ('active', 'inactive', 'expired', 'archived'))
);
--> statement-breakpoint
CREATE TABLE "system_settings" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"key" text NOT NULL,
	"value" jsonb NOT NULL,
	"category" text DEFAULT 'general' NOT NULL,
	"description" text,
	"is_secret" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_sys_key" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"username" text NOT NULL,
	"email" text,
	"password_hash" text NOT NULL,
	"role" text DEFAULT 'viewer' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"preferences" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_login_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_usr_username" UNIQUE("username"),
	CONSTRAINT "uq_usr_email" UNIQUE("email"),
	CONSTRAINT "ck_usr_role" CHECK ("role" IN ('admin', 'trader', 'viewer'))
);
--> statement-breakpoint
CREATE TABLE "volume_configuration" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"connection_id" text NOT NULL,
	"symbol" text NOT NULL,
	"base_volume" numeric(38, 18) DEFAULT '0.000000000000000000' NOT NULL,
	"volume_factor" numeric(18, 8) DEFAULT '1.00000000' NOT NULL,
	"min_volume" numeric(38, 18),
	"max_volume" numeric(38, 18),
	"leverage" integer DEFAULT 1 NOT NULL,
	"max_positions" integer DEFAULT 1 NOT NULL,
	"is_enabled" boolean DEFAULT true NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_vol_conn_symbol" UNIQUE("connection_id","symbol")
);
--> statement-breakpoint
ALTER TABLE "base_pseudo_positions" ADD CONSTRAINT "fk_bpp_connection" FOREIGN KEY ("connection_id") REFERENCES "public"."exchange_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connection_coordination" ADD CONSTRAINT "fk_cco_connection" FOREIGN KEY ("connection_id") REFERENCES "public"."exchange_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_positions" ADD CONSTRAINT "fk_xp_connection" FOREIGN KEY ("connection_id") REFERENCES "public"."exchange_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_positions" ADD CONSTRAINT "fk_xp_real_pseudo" FOREIGN KEY ("real_pseudo_position_id") REFERENCES "public"."real_pseudo_positions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indication_history" ADD CONSTRAINT "fk_ind_his_state" FOREIGN KEY ("indication_state_id") REFERENCES "public"."indication_states"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indication_history" ADD CONSTRAINT "fk_ind_his_connection" FOREIGN KEY ("connection_id") REFERENCES "public"."exchange_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indication_states" ADD CONSTRAINT "fk_ind_st_connection" FOREIGN KEY ("connection_id") REFERENCES "public"."exchange_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indications_active" ADD CONSTRAINT "fk_ind_act_connection" FOREIGN KEY ("connection_id") REFERENCES "public"."exchange_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indications_auto" ADD CONSTRAINT "fk_ind_aut_connection" FOREIGN KEY ("connection_id") REFERENCES "public"."exchange_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indications_direction" ADD CONSTRAINT "fk_ind_dir_connection" FOREIGN KEY ("connection_id") REFERENCES "public"."exchange_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indications_move" ADD CONSTRAINT "fk_ind_mov_connection" FOREIGN KEY ("connection_id") REFERENCES "public"."exchange_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indications_optimal" ADD CONSTRAINT "fk_ind_opt_connection" FOREIGN KEY ("connection_id") REFERENCES "public"."exchange_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preset_configurations" ADD CONSTRAINT "fk_pre_cfg_preset" FOREIGN KEY ("preset_id") REFERENCES "public"."presets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preset_pseudo_positions" ADD CONSTRAINT "fk_pre_pp_preset" FOREIGN KEY ("preset_id") REFERENCES "public"."presets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preset_pseudo_positions" ADD CONSTRAINT "fk_pre_pp_configuration" FOREIGN KEY ("configuration_id") REFERENCES "public"."preset_configurations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preset_pseudo_positions" ADD CONSTRAINT "fk_pre_pp_connection" FOREIGN KEY ("connection_id") REFERENCES "public"."exchange_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preset_trade_engine_state" ADD CONSTRAINT "fk_pre_tes_preset" FOREIGN KEY ("preset_id") REFERENCES "public"."presets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preset_trade_engine_state" ADD CONSTRAINT "fk_pre_tes_connection" FOREIGN KEY ("connection_id") REFERENCES "public"."exchange_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preset_trades" ADD CONSTRAINT "fk_pre_trd_preset" FOREIGN KEY ("preset_id") REFERENCES "public"."presets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preset_trades" ADD CONSTRAINT "fk_pre_trd_position" FOREIGN KEY ("preset_pseudo_position_id") REFERENCES "public"."preset_pseudo_positions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preset_trades" ADD CONSTRAINT "fk_pre_trd_connection" FOREIGN KEY ("connection_id") REFERENCES "public"."exchange_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pseudo_positions" ADD CONSTRAINT "fk_pp_connection" FOREIGN KEY ("connection_id") REFERENCES "public"."exchange_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pseudo_positions" ADD CONSTRAINT "fk_pp_strategy" FOREIGN KEY ("strategy_id") REFERENCES "public"."strategies_base"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "real_pseudo_positions" ADD CONSTRAINT "fk_rpp_connection" FOREIGN KEY ("connection_id") REFERENCES "public"."exchange_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "real_pseudo_positions" ADD CONSTRAINT "fk_rpp_pseudo" FOREIGN KEY ("pseudo_position_id") REFERENCES "public"."pseudo_positions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_logs" ADD CONSTRAINT "fk_slog_connection" FOREIGN KEY ("connection_id") REFERENCES "public"."exchange_connections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statistics_daily" ADD CONSTRAINT "fk_st_day_connection" FOREIGN KEY ("connection_id") REFERENCES "public"."exchange_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statistics_indication" ADD CONSTRAINT "fk_st_ind_connection" FOREIGN KEY ("connection_id") REFERENCES "public"."exchange_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statistics_strategy" ADD CONSTRAINT "fk_st_str_connection" FOREIGN KEY ("connection_id") REFERENCES "public"."exchange_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statistics_strategy" ADD CONSTRAINT "fk_st_str_strategy" FOREIGN KEY ("strategy_id") REFERENCES "public"."strategies_base"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategies_base" ADD CONSTRAINT "fk_str_base_connection" FOREIGN KEY ("connection_id") REFERENCES "public"."exchange_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategies_block" ADD CONSTRAINT "fk_str_blk_connection" FOREIGN KEY ("connection_id") REFERENCES "public"."exchange_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategies_block" ADD CONSTRAINT "fk_str_blk_base" FOREIGN KEY ("base_strategy_id") REFERENCES "public"."strategies_base"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategies_dca" ADD CONSTRAINT "fk_str_dca_connection" FOREIGN KEY ("connection_id") REFERENCES "public"."exchange_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategies_dca" ADD CONSTRAINT "fk_str_dca_base" FOREIGN KEY ("base_strategy_id") REFERENCES "public"."strategies_base"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategies_main" ADD CONSTRAINT "fk_str_main_connection" FOREIGN KEY ("connection_id") REFERENCES "public"."exchange_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategies_main" ADD CONSTRAINT "fk_str_main_base" FOREIGN KEY ("base_strategy_id") REFERENCES "public"."strategies_base"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategies_real" ADD CONSTRAINT "fk_str_real_connection" FOREIGN KEY ("connection_id") REFERENCES "public"."exchange_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategies_real" ADD CONSTRAINT "fk_str_real_base" FOREIGN KEY ("base_strategy_id") REFERENCES "public"."strategies_base"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategies_trailing" ADD CONSTRAINT "fk_str_trl_connection" FOREIGN KEY ("connection_id") REFERENCES "public"."exchange_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategies_trailing" ADD CONSTRAINT "fk_str_trl_base" FOREIGN KEY ("base_strategy_id") REFERENCES "public"."strategies_base"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volume_configuration" ADD CONSTRAINT "fk_vol_connection" FOREIGN KEY ("connection_id") REFERENCES "public"."exchange_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_bpp_conn_symbol" ON "base_pseudo_positions" USING btree ("connection_id","symbol","updated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_bpp_conn_status" ON "base_pseudo_positions" USING btree ("connection_id","status","updated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_bpp_active" ON "base_pseudo_positions" USING btree ("connection_id","symbol","side") WHERE "status" = 'active';--> statement-breakpoint
CREATE INDEX "idx_cco_connection" ON "connection_coordination" USING btree ("connection_id");--> statement-breakpoint
CREATE INDEX "idx_cco_active" ON "connection_coordination" USING btree ("connection_id","heartbeat_at" DESC NULLS FIRST) WHERE "status" = 'active';--> statement-breakpoint
CREATE INDEX "idx_exc_exchange" ON "exchange_connections" USING btree ("exchange");--> statement-breakpoint
CREATE INDEX "idx_exc_enabled" ON "exchange_connections" USING btree ("is_enabled","updated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_xp_conn_symbol" ON "exchange_positions" USING btree ("connection_id","symbol","opened_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_xp_conn_status" ON "exchange_positions" USING btree ("connection_id","status","synced_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_xp_real_pseudo" ON "exchange_positions" USING btree ("real_pseudo_position_id");--> statement-breakpoint
CREATE INDEX "idx_xp_active" ON "exchange_positions" USING btree ("connection_id","symbol","side") WHERE "status" = 'active';--> statement-breakpoint
CREATE INDEX "idx_ind_his_state" ON "indication_history" USING btree ("indication_state_id","calculated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_ind_his_conn_symbol" ON "indication_history" USING btree ("connection_id","symbol","calculated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_ind_his_calculated" ON "indication_history" USING btree ("calculated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_ind_st_conn_symbol" ON "indication_states" USING btree ("connection_id","symbol","calculated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_ind_st_conn_status" ON "indication_states" USING btree ("connection_id","status","calculated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_ind_st_active" ON "indication_states" USING btree ("connection_id","indication_type","symbol") WHERE "status" = 'active';--> statement-breakpoint
CREATE INDEX "idx_ind_act_conn_symbol" ON "indications_active" USING btree ("connection_id","symbol","calculated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_ind_act_conn_status" ON "indications_active" USING btree ("connection_id","status","calculated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_ind_act_active" ON "indications_active" USING btree ("connection_id","symbol","timeframe") WHERE "status" = 'active';--> statement-breakpoint
CREATE INDEX "idx_ind_aut_conn_symbol" ON "indications_auto" USING btree ("connection_id","symbol","calculated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_ind_aut_conn_status" ON "indications_auto" USING btree ("connection_id","status","calculated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_ind_aut_active" ON "indications_auto" USING btree ("connection_id","symbol","timeframe") WHERE "status" = 'active';--> statement-breakpoint
CREATE INDEX "idx_ind_dir_conn_symbol" ON "indications_direction" USING btree ("connection_id","symbol","calculated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_ind_dir_conn_status" ON "indications_direction" USING btree ("connection_id","status","calculated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_ind_dir_active" ON "indications_direction" USING btree ("connection_id","symbol","timeframe") WHERE "status" = 'active';--> statement-breakpoint
CREATE INDEX "idx_ind_mov_conn_symbol" ON "indications_move" USING btree ("connection_id","symbol","calculated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_ind_mov_conn_status" ON "indications_move" USING btree ("connection_id","status","calculated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_ind_mov_active" ON "indications_move" USING btree ("connection_id","symbol","timeframe") WHERE "status" = 'active';--> statement-breakpoint
CREATE INDEX "idx_ind_opt_conn_symbol" ON "indications_optimal" USING btree ("connection_id","symbol","calculated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_ind_opt_conn_status" ON "indications_optimal" USING btree ("connection_id","status","calculated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_ind_opt_active" ON "indications_optimal" USING btree ("connection_id","symbol","timeframe") WHERE "status" = 'active';--> statement-breakpoint
CREATE INDEX "idx_pre_cfg_preset" ON "preset_configurations" USING btree ("preset_id","symbol");--> statement-breakpoint
CREATE INDEX "idx_pre_pp_preset" ON "preset_pseudo_positions" USING btree ("preset_id","status","opened_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_pre_pp_configuration" ON "preset_pseudo_positions" USING btree ("configuration_id");--> statement-breakpoint
CREATE INDEX "idx_pre_pp_conn_symbol" ON "preset_pseudo_positions" USING btree ("connection_id","symbol","opened_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_pre_pp_active" ON "preset_pseudo_positions" USING btree ("preset_id","symbol","side") WHERE "status" = 'active';--> statement-breakpoint
CREATE INDEX "idx_pre_tes_preset" ON "preset_trade_engine_state" USING btree ("preset_id");--> statement-breakpoint
CREATE INDEX "idx_pre_tes_connection" ON "preset_trade_engine_state" USING btree ("connection_id","status");--> statement-breakpoint
CREATE INDEX "idx_pre_tes_active" ON "preset_trade_engine_state" USING btree ("connection_id","heartbeat_at" DESC NULLS FIRST) WHERE "status" = 'active';--> statement-breakpoint
CREATE INDEX "idx_pre_trd_preset" ON "preset_trades" USING btree ("preset_id","executed_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_pre_trd_position" ON "preset_trades" USING btree ("preset_pseudo_position_id");--> statement-breakpoint
CREATE INDEX "idx_pre_trd_conn_symbol" ON "preset_trades" USING btree ("connection_id","symbol","executed_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_pp_conn_symbol" ON "pseudo_positions" USING btree ("connection_id","symbol","opened_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_pp_conn_status" ON "pseudo_positions" USING btree ("connection_id","status","updated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_pp_strategy" ON "pseudo_positions" USING btree ("strategy_id","opened_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_pp_active" ON "pseudo_positions" USING btree ("connection_id","symbol","side") WHERE "status" = 'active';--> statement-breakpoint
CREATE INDEX "idx_rpp_pseudo" ON "real_pseudo_positions" USING btree ("pseudo_position_id");--> statement-breakpoint
CREATE INDEX "idx_rpp_conn_symbol" ON "real_pseudo_positions" USING btree ("connection_id","symbol","opened_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_rpp_conn_status" ON "real_pseudo_positions" USING btree ("connection_id","status","updated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_rpp_active" ON "real_pseudo_positions" USING btree ("connection_id","symbol","side") WHERE "status" = 'active';--> statement-breakpoint
CREATE INDEX "idx_slog_created" ON "site_logs" USING btree ("created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_slog_level_created" ON "site_logs" USING btree ("level","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_slog_category_created" ON "site_logs" USING btree ("category","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_slog_connection" ON "site_logs" USING btree ("connection_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_st_day_conn_date" ON "statistics_daily" USING btree ("connection_id","stat_date" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_st_day_date" ON "statistics_daily" USING btree ("stat_date" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_st_ind_conn_symbol" ON "statistics_indication" USING btree ("connection_id","symbol","calculated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_st_ind_type" ON "statistics_indication" USING btree ("indication_type","calculated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_st_ind_calculated" ON "statistics_indication" USING btree ("calculated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_st_str_strategy" ON "statistics_strategy" USING btree ("strategy_id","calculated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_st_str_conn_symbol" ON "statistics_strategy" USING btree ("connection_id","symbol","calculated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_st_str_calculated" ON "statistics_strategy" USING btree ("calculated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_str_base_conn_symbol" ON "strategies_base" USING btree ("connection_id","symbol","updated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_str_base_conn_status" ON "strategies_base" USING btree ("connection_id","status","updated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_str_base_active" ON "strategies_base" USING btree ("connection_id","symbol","side") WHERE "status" = 'active';--> statement-breakpoint
CREATE INDEX "idx_str_blk_base" ON "strategies_block" USING btree ("base_strategy_id");--> statement-breakpoint
CREATE INDEX "idx_str_blk_conn_symbol" ON "strategies_block" USING btree ("connection_id","symbol","updated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_str_blk_active" ON "strategies_block" USING btree ("connection_id","symbol","side") WHERE "status" = 'active';--> statement-breakpoint
CREATE INDEX "idx_str_dca_base" ON "strategies_dca" USING btree ("base_strategy_id");--> statement-breakpoint
CREATE INDEX "idx_str_dca_conn_symbol" ON "strategies_dca" USING btree ("connection_id","symbol","updated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_str_dca_active" ON "strategies_dca" USING btree ("connection_id","symbol","side") WHERE "status" = 'active';--> statement-breakpoint
CREATE INDEX "idx_str_main_base" ON "strategies_main" USING btree ("base_strategy_id");--> statement-breakpoint
CREATE INDEX "idx_str_main_conn_symbol" ON "strategies_main" USING btree ("connection_id","symbol","updated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_str_main_active" ON "strategies_main" USING btree ("connection_id","symbol","side") WHERE "status" = 'active';--> statement-breakpoint
CREATE INDEX "idx_str_real_base" ON "strategies_real" USING btree ("base_strategy_id");--> statement-breakpoint
CREATE INDEX "idx_str_real_conn_symbol" ON "strategies_real" USING btree ("connection_id","symbol","updated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_str_real_active" ON "strategies_real" USING btree ("connection_id","symbol","side") WHERE "status" = 'active';--> statement-breakpoint
CREATE INDEX "idx_str_trl_base" ON "strategies_trailing" USING btree ("base_strategy_id");--> statement-breakpoint
CREATE INDEX "idx_str_trl_conn_symbol" ON "strategies_trailing" USING btree ("connection_id","symbol","updated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_str_trl_active" ON "strategies_trailing" USING btree ("connection_id","symbol","side") WHERE "status" = 'active';--> statement-breakpoint
CREATE INDEX "idx_sys_category" ON "system_settings" USING btree ("category","key");--> statement-breakpoint
CREATE INDEX "idx_usr_role" ON "users" USING btree ("role","is_active");--> statement-breakpoint
CREATE INDEX "idx_vol_connection" ON "volume_configuration" USING btree ("connection_id");