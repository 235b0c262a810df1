DROP TABLE "base_pseudo_positions" CASCADE;
--> statement-breakpoint
DROP TABLE "connection_coordination" CASCADE;
--> statement-breakpoint
DROP TABLE "exchange_connections" CASCADE;
--> statement-breakpoint
DROP TABLE "exchange_positions" CASCADE;
--> statement-breakpoint
DROP TABLE "indication_history" CASCADE;
--> statement-breakpoint
DROP TABLE "indication_states" CASCADE;
--> statement-breakpoint
DROP TABLE "indications_active" CASCADE;
--> statement-breakpoint
DROP TABLE "indications_auto" CASCADE;
--> statement-breakpoint
DROP TABLE "indications_direction" CASCADE;
--> statement-breakpoint
DROP TABLE "indications_move" CASCADE;
--> statement-breakpoint
DROP TABLE "indications_optimal" CASCADE;
--> statement-breakpoint
DROP TABLE "preset_configurations" CASCADE;
--> statement-breakpoint
DROP TABLE "preset_pseudo_positions" CASCADE;
--> statement-breakpoint
DROP TABLE "preset_trade_engine_state" CASCADE;
--> statement-breakpoint
DROP TABLE "preset_trades" CASCADE;
--> statement-breakpoint
DROP TABLE "presets" CASCADE;
--> statement-breakpoint
DROP TABLE "pseudo_positions" CASCADE;
--> statement-breakpoint
DROP TABLE "real_pseudo_positions" CASCADE;
--> statement-breakpoint
DROP TABLE "site_logs" CASCADE;
--> statement-breakpoint
DROP TABLE "statistics_daily" CASCADE;
--> statement-breakpoint
DROP TABLE "statistics_indication" CASCADE;
--> statement-breakpoint
DROP TABLE "statistics_strategy" CASCADE;
--> statement-breakpoint
DROP TABLE "strategies_base" CASCADE;
--> statement-breakpoint
DROP TABLE "strategies_block" CASCADE;
--> statement-breakpoint
DROP TABLE "strategies_dca" CASCADE;
--> statement-breakpoint
DROP TABLE "strategies_main" CASCADE;
--> statement-breakpoint
DROP TABLE "strategies_real" CASCADE;
--> statement-breakpoint
DROP TABLE "strategies_trailing" CASCADE;
--> statement-breakpoint
DROP TABLE "system_settings" CASCADE;
--> statement-breakpoint
DROP TABLE "users" CASCADE;
--> statement-breakpoint
DROP TABLE "volume_configuration" CASCADE;
