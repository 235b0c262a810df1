DROP TABLE `base_pseudo_positions`;
--> statement-breakpoint
DROP TABLE `connection_coordination`;
--> statement-breakpoint
DROP TABLE `exchange_connections`;
--> statement-breakpoint
DROP TABLE `exchange_positions`;
--> statement-breakpoint
DROP TABLE `indication_history`;
--> statement-breakpoint
DROP TABLE `indication_states`;
--> statement-breakpoint
DROP TABLE `indications_active`;
--> statement-breakpoint
DROP TABLE `indications_auto`;
--> statement-breakpoint
DROP TABLE `indications_direction`;
--> statement-breakpoint
DROP TABLE `indications_move`;
--> statement-breakpoint
DROP TABLE `indications_optimal`;
--> statement-breakpoint
DROP TABLE `preset_configurations`;
--> statement-breakpoint
DROP TABLE `preset_pseudo_positions`;
--> statement-breakpoint
DROP TABLE `preset_trade_engine_state`;
--> statement-breakpoint
DROP TABLE `preset_trades`;
--> statement-breakpoint
DROP TABLE `presets`;
--> statement-breakpoint
DROP TABLE `pseudo_positions`;
--> statement-breakpoint
DROP TABLE `real_pseudo_positions`;
--> statement-breakpoint
DROP TABLE `site_logs`;
--> statement-breakpoint
DROP TABLE `statistics_daily`;
--> statement-breakpoint
DROP TABLE `statistics_indication`;
--> statement-breakpoint
DROP TABLE `statistics_strategy`;
--> statement-breakpoint
DROP TABLE `strategies_base`;
--> statement-breakpoint
DROP TABLE `strategies_block`;
--> statement-breakpoint
DROP TABLE `strategies_dca`;
--> statement-breakpoint
DROP TABLE `strategies_main`;
--> statement-breakpoint
DROP TABLE `strategies_real`;
--> statement-breakpoint
DROP TABLE `strategies_trailing`;
--> statement-breakpoint
DROP TABLE `system_settings`;
--> statement-breakpoint
DROP TABLE `users`;
--> statement-breakpoint
DROP TABLE `volume_configuration`;
