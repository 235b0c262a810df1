PRAGMA foreign_keys=OFF;
--> statement-breakpoint
CREATE TABLE `__new_volume_configuration` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`connection_id` text NOT NULL,
	`symbol` text NOT NULL,
	`base_volume` text DEFAULT '0.000000000000000000' NOT NULL,
	`volume_factor` text DEFAULT '1.00000000' NOT NULL,
	`min_volume` text,
	`max_volume` text,
	`leverage` integer DEFAULT 1 NOT NULL,
	`max_positions` integer DEFAULT 1 NOT NULL,
	`is_enabled` integer DEFAULT 1 NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `exchange_connections`(`id`) ON UPDATE no action ON DELETE cascade
);

--> statement-breakpoint
INSERT INTO `__new_volume_configuration`("id", "connection_id", "symbol", "base_volume", "volume_factor", "min_volume", "max_volume", "leverage", "max_positions", "is_enabled", "settings", "created_at", "updated_at") SELECT "id", "connection_id", "symbol", "base_volume", "volume_factor", "min_volume", "max_volume", "leverage", "max_positions", "is_enabled", "settings", "created_at", "updated_at" FROM `volume_configuration`;
--> statement-breakpoint
DROP TABLE `volume_configuration`;
--> statement-breakpoint
ALTER TABLE `__new_volume_configuration` RENAME TO `volume_configuration`;
--> statement-breakpoint
PRAGMA foreign_keys=ON;
--> statement-breakpoint
CREATE INDEX `idx_vol_connection` ON `volume_configuration` (`connection_id`);
--> statement-breakpoint
CREATE UNIQUE INDEX `uq_vol_conn_symbol` ON `volume_configuration` (`connection_id`,`symbol`);
--> statement-breakpoint
CREATE TABLE `__new_exchange_connections` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`name` text NOT NULL,
	`exchange` text NOT NULL,
	`api_type` text DEFAULT 'perpetual_futures' NOT NULL,
	`connection_method` text DEFAULT 'rest' NOT NULL,
	`api_key` text,
	`api_secret` text,
	`api_passphrase` text,
	`is_testnet` integer DEFAULT 0 NOT NULL,
	`is_enabled` integer DEFAULT 1 NOT NULL,
	`is_live_trading` integer DEFAULT 0 NOT NULL,
	`margin_type` text DEFAULT 'cross' NOT NULL,
	`position_mode` text DEFAULT 'hedge' NOT NULL,
	`volume_factor` text DEFAULT '1.00000000' NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`last_tested_at` integer,
	`last_test_status` text DEFAULT 'untested' NOT NULL,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	CONSTRAINT "ck_exc_api_type" CHECK("api_type" IN ('spot', 'perpetual_futures', 'futures', 'margin')),
	CONSTRAINT "ck_exc_connection_method" CHECK("connection_method" IN ('rest', 'websocket', 'library')),
	CONSTRAINT "ck_exc_margin_type" CHECK("margin_type" IN ('cross', 'isolated')),
	CONSTRAINT "ck_exc_position_mode" CHECK("position_mode" IN ('hedge', 'one_way')),
	CONSTRAINT "ck_exc_last_test_status" CHECK("last_test_status" IN ('success', 'failed', 'untested'))
);

--> statement-breakpoint
INSERT INTO `__new_exchange_connections`("id", "name", "exchange", "api_type", "connection_method", "api_key", "api_secret", "api_passphrase", "is_testnet", "is_enabled", "is_live_trading", "margin_type", "position_mode", "volume_factor", "settings", "last_tested_at", "last_test_status", "created_at", "updated_at") SELECT "id", "name", "exchange", "api_type", "connection_method", "api_key", "api_secret", "api_passphrase", "is_testnet", "is_enabled", "is_live_trading", "margin_type", "position_mode", "volume_factor", "settings", "last_tested_at", "last_test_status", "created_at", "updated_at" FROM `exchange_connections`;
--> statement-breakpoint
DROP TABLE `exchange_connections`;
--> statement-breakpoint
ALTER TABLE `__new_exchange_connections` RENAME TO `exchange_connections`;
--> statement-breakpoint
CREATE INDEX `idx_exc_exchange` ON `exchange_connections` (`exchange`);
--> statement-breakpoint
CREATE INDEX `idx_exc_enabled` ON `exchange_connections` (`is_enabled`,"updated_at" desc);
--> statement-breakpoint
CREATE UNIQUE INDEX `uq_exc_name` ON `exchange_connections` (`name`);
--> statement-breakpoint
CREATE TABLE `__new_indications_direction` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`connection_id` text NOT NULL,
	`symbol` text NOT NULL,
	`timeframe` text DEFAULT '1m' NOT NULL,
	`side` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`range_steps` integer DEFAULT 0 NOT NULL,
	`strength` text DEFAULT '0.00000000' NOT NULL,
	`confidence` text,
	`price_at_calculation` text,
	`settings` text DEFAULT '{}' NOT NULL,
	`calculated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`expires_at` integer,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `exchange_connections`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ck_ind_dir_timeframe" CHECK("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w')),
	CONSTRAINT "ck_ind_dir_side" CHECK("side" IN ('long', 'short')),
	CONSTRAINT "ck_ind_dir_status" CHECK("status" IN ('active', 'inactive', 'expired', 'archived'))
);

--> statement-breakpoint
INSERT INTO `__new_indications_direction`("id", "connection_id", "symbol", "timeframe", "side", "status", "range_steps", "strength", "confidence", "price_at_calculation", "settings", "calculated_at", "expires_at", "created_at", "updated_at") SELECT "id", "connection_id", "symbol", "timeframe", "side", "status", "range_steps", "strength", "confidence", "price_at_calculation", "settings", "calculated_at", "expires_at", "created_at", "updated_at" FROM `indications_direction`;
--> statement-breakpoint
DROP TABLE `indications_direction`;
--> statement-breakpoint
ALTER TABLE `__new_indications_direction` RENAME TO `indications_direction`;
--> statement-breakpoint
CREATE INDEX `idx_ind_dir_conn_symbol` ON `indications_direction` (`connection_id`,`symbol`,"calculated_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_ind_dir_conn_status` ON `indications_direction` (`connection_id`,`status`,"calculated_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_ind_dir_active` ON `indications_direction` (`connection_id`,`symbol`,`timeframe`) WHERE "status" = 'active';
--> statement-breakpoint
CREATE TABLE `__new_indications_move` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`connection_id` text NOT NULL,
	`symbol` text NOT NULL,
	`timeframe` text DEFAULT '1m' NOT NULL,
	`side` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`price_from` text NOT NULL,
	`price_to` text NOT NULL,
	`move_percent` text DEFAULT '0.00000000' NOT NULL,
	`window_seconds` integer DEFAULT 60 NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`calculated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`expires_at` integer,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `exchange_connections`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ck_ind_mov_timeframe" CHECK("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w')),
	CONSTRAINT "ck_ind_mov_side" CHECK("side" IN ('long', 'short')),
	CONSTRAINT "ck_ind_mov_status" CHECK("status" IN ('active', 'inactive', 'expired', 'archived'))
);

--> statement-breakpoint
INSERT INTO `__new_indications_move`("id", "connection_id", "symbol", "timeframe", "side", "status", "price_from", "price_to", "move_percent", "window_seconds", "settings", "calculated_at", "expires_at", "created_at", "updated_at") SELECT "id", "connection_id", "symbol", "timeframe", "side", "status", "price_from", "price_to", "move_percent", "window_seconds", "settings", "calculated_at", "expires_at", "created_at", "updated_at" FROM `indications_move`;
--> statement-breakpoint
DROP TABLE `indications_move`;
--> statement-breakpoint
ALTER TABLE `__new_indications_move` RENAME TO `indications_move`;
--> statement-breakpoint
CREATE INDEX `idx_ind_mov_conn_symbol` ON `indications_move` (`connection_id`,`symbol`,"calculated_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_ind_mov_conn_status` ON `indications_move` (`connection_id`,`status`,"calculated_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_ind_mov_active` ON `indications_move` (`connection_id`,`symbol`,`timeframe`) WHERE "status" = 'active';
--> statement-breakpoint
CREATE TABLE `__new_indications_active` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`connection_id` text NOT NULL,
	`symbol` text NOT NULL,
	`timeframe` text DEFAULT '1m' NOT NULL,
	`side` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`activity_ratio` text DEFAULT '0.00000000' NOT NULL,
	`volume_ratio` text,
	`price_change_percent` text DEFAULT '0.00000000' NOT NULL,
	`last_price` text,
	`settings` text DEFAULT '{}' NOT NULL,
	`calculated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`expires_at` integer,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `exchange_connections`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ck_ind_act_timeframe" CHECK("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w')),
	CONSTRAINT "ck_ind_act_side" CHECK("side" IN ('long', 'short')),
	CONSTRAINT "ck_ind_act_status" CHECK("status" IN ('active', 'inactive', 'expired', 'archived'))
);

--> statement-breakpoint
INSERT INTO `__new_indications_active`("id", "connection_id", "symbol", "timeframe", "side", "status", "activity_ratio", "volume_ratio", "price_change_percent", "last_price", "settings", "calculated_at", "expires_at", "created_at", "updated_at") SELECT "id", "connection_id", "symbol", "timeframe", "side", "status", "activity_ratio", "volume_ratio", "price_change_percent", "last_price", "settings", "calculated_at", "expires_at", "created_at", "updated_at" FROM `indications_active`;
--> statement-breakpoint
DROP TABLE `indications_active`;
--> statement-breakpoint
ALTER TABLE `__new_indications_active` RENAME TO `indications_active`;
--> statement-breakpoint
CREATE INDEX `idx_ind_act_conn_symbol` ON `indications_active` (`connection_id`,`symbol`,"calculated_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_ind_act_conn_status` ON `indications_active` (`connection_id`,`status`,"calculated_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_ind_act_active` ON `indications_active` (`connection_id`,`symbol`,`timeframe`) WHERE "status" = 'active';
--> statement-breakpoint
CREATE TABLE `__new_indications_optimal` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`connection_id` text NOT NULL,
	`symbol` text NOT NULL,
	`timeframe` text DEFAULT '1m' NOT NULL,
	`side` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`entry_price` text,
	`take_profit_price` text,
	`stop_loss_price` text,
	`take_profit_factor` text DEFAULT '0.00000000' NOT NULL,
	`stop_loss_ratio` text DEFAULT '0.00000000' NOT NULL,
	`trailing_enabled` integer DEFAULT 0 NOT NULL,
	`score` text DEFAULT '0.00000000' NOT NULL,
	`configuration` text DEFAULT '{}' NOT NULL,
	`calculated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`expires_at` integer,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `exchange_connections`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ck_ind_opt_timeframe" CHECK("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w')),
	CONSTRAINT "ck_ind_opt_side" CHECK("side" IN ('long', 'short')),
	CONSTRAINT "ck_ind_opt_status" CHECK("status" IN ('active', 'inactive', 'expired', 'archived'))
);

--> statement-breakpoint
INSERT INTO `__new_indications_optimal`("id", "connection_id", "symbol", "timeframe", "side", "status", "entry_price", "take_profit_price", "stop_loss_price", "take_profit_factor", "stop_loss_ratio", "trailing_enabled", "score", "configuration", "calculated_at", "expires_at", "created_at", "updated_at") SELECT "id", "connection_id", "symbol", "timeframe", "side", "status", "entry_price", "take_profit_price", "stop_loss_price", "take_profit_factor", "stop_loss_ratio", "trailing_enabled", "score", "configuration", "calculated_at", "expires_at", "created_at", "updated_at" FROM `indications_optimal`;
--> statement-breakpoint
DROP TABLE `indications_optimal`;
--> statement-breakpoint
ALTER TABLE `__new_indications_optimal` RENAME TO `indications_optimal`;
--> statement-breakpoint
CREATE INDEX `idx_ind_opt_conn_symbol` ON `indications_optimal` (`connection_id`,`symbol`,"calculated_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_ind_opt_conn_status` ON `indications_optimal` (`connection_id`,`status`,"calculated_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_ind_opt_active` ON `indications_optimal` (`connection_id`,`symbol`,`timeframe`) WHERE "status" = 'active';
--> statement-breakpoint
CREATE TABLE `__new_indications_auto` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`connection_id` text NOT NULL,
	`symbol` text NOT NULL,
	`timeframe` text DEFAULT '1m' NOT NULL,
	`side` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`indicator_name` text NOT NULL,
	`indicator_value` text,
	`signal_strength` text DEFAULT '0.00000000' NOT NULL,
	`parameters` text DEFAULT '{}' NOT NULL,
	`calculated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`expires_at` integer,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `exchange_connections`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ck_ind_aut_timeframe" CHECK("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w')),
	CONSTRAINT "ck_ind_aut_side" CHECK("side" IN ('long', 'short')),
	CONSTRAINT "ck_ind_aut_status" CHECK("status" IN ('active', 'inactive', 'expired', 'archived'))
);

--> statement-breakpoint
INSERT INTO `__new_indications_auto`("id", "connection_id", "symbol", "timeframe", "side", "status", "indicator_name", "indicator_value", "signal_strength", "parameters", "calculated_at", "expires_at", "created_at", "updated_at") SELECT "id", "connection_id", "symbol", "timeframe", "side", "status", "indicator_name", "indicator_value", "signal_strength", "parameters", "calculated_at", "expires_at", "created_at", "updated_at" FROM `indications_auto`;
--> statement-breakpoint
DROP TABLE `indications_auto`;
--> statement-breakpoint
ALTER TABLE `__new_indications_auto` RENAME TO `indications_auto`;
--> statement-breakpoint
CREATE INDEX `idx_ind_aut_conn_symbol` ON `indications_auto` (`connection_id`,`symbol`,"calculated_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_ind_aut_conn_status` ON `indications_auto` (`connection_id`,`status`,"calculated_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_ind_aut_active` ON `indications_auto` (`connection_id`,`symbol`,`timeframe`) WHERE "status" = 'active';
--> statement-breakpoint
CREATE TABLE `__new_strategies_base` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`connection_id` text NOT NULL,
	`name` text NOT NULL,
	`symbol` text NOT NULL,
	`timeframe` text DEFAULT '1m' NOT NULL,
	`side` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`indication_type` text DEFAULT 'direction' NOT NULL,
	`take_profit_factor` text DEFAULT '0.00000000' NOT NULL,
	`stop_loss_ratio` text DEFAULT '0.00000000' NOT NULL,
	`trailing_enabled` integer DEFAULT 0 NOT NULL,
	`position_cost` text,
	`profit_factor` text,
	`win_rate` text,
	`total_trades` integer DEFAULT 0 NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`evaluated_at` integer,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `exchange_connections`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ck_str_base_timeframe" CHECK("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w')),
	CONSTRAINT "ck_str_base_side" CHECK("side" IN ('long', 'short')),
	CONSTRAINT "ck_str_base_status" CHECK("status" IN ('active', 'inactive', 'expired', 'archived')),
	CONSTRAINT "ck_str_base_indication_type" CHECK("indication_type" IN ('direction', 'move', 'active', 'optimal', 'auto'))
);

--> statement-breakpoint
INSERT INTO `__new_strategies_base`("id", "connection_id", "name", "symbol", "timeframe", "side", "status", "indication_type", "take_profit_factor", "stop_loss_ratio", "trailing_enabled", "position_cost", "profit_factor", "win_rate", "total_trades", "settings", "evaluated_at", "created_at", "updated_at") SELECT "id", "connection_id", "name", "symbol", "timeframe", "side", "status", "indication_type", "take_profit_factor", "stop_loss_ratio", "trailing_enabled", "position_cost", "profit_factor", "win_rate", "total_trades", "settings", "evaluated_at", "created_at", "updated_at" FROM `strategies_base`;
--> statement-breakpoint
DROP TABLE `strategies_base`;
--> statement-breakpoint
ALTER TABLE `__new_strategies_base` RENAME TO `strategies_base`;
--> statement-breakpoint
CREATE INDEX `idx_str_base_conn_symbol` ON `strategies_base` (`connection_id`,`symbol`,"updated_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_str_base_conn_status` ON `strategies_base` (`connection_id`,`status`,"updated_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_str_base_active` ON `strategies_base` (`connection_id`,`symbol`,`side`) WHERE "status" = 'active';
--> statement-breakpoint
CREATE TABLE `__new_strategies_real` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`connection_id` text NOT NULL,
	`base_strategy_id` text NOT NULL,
	`symbol` text NOT NULL,
	`timeframe` text DEFAULT '1m' NOT NULL,
	`side` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`volume` text DEFAULT '0.000000000000000000' NOT NULL,
	`leverage` integer DEFAULT 1 NOT NULL,
	`min_profit_factor` text,
	`profit_factor` text,
	`total_trades` integer DEFAULT 0 NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`activated_at` integer,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `exchange_connections`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`base_strategy_id`) REFERENCES `strategies_base`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ck_str_real_timeframe" CHECK("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w')),
	CONSTRAINT "ck_str_real_side" CHECK("side" IN ('long', 'short')),
	CONSTRAINT "ck_str_real_status" CHECK("status" IN ('active', 'inactive', 'expired', 'archived'))
);

--> statement-breakpoint
INSERT INTO `__new_strategies_real`("id", "connection_id", "base_strategy_id", "symbol", "timeframe", "side", "status", "volume", "leverage", "min_profit_factor", "profit_factor", "total_trades", "settings", "activated_at", "created_at", "updated_at") SELECT "id", "connection_id", "base_strategy_id", "symbol", "timeframe", "side", "status", "volume", "leverage", "min_profit_factor", "profit_factor", "total_trades", "settings", "activated_at", "created_at", "updated_at" FROM `strategies_real`;
--> statement-breakpoint
DROP TABLE `strategies_real`;
--> statement-breakpoint
ALTER TABLE `__new_strategies_real` RENAME TO `strategies_real`;
--> statement-breakpoint
CREATE INDEX `idx_str_real_base` ON `strategies_real` (`base_strategy_id`);
--> statement-breakpoint
CREATE INDEX `idx_str_real_conn_symbol` ON `strategies_real` (`connection_id`,`symbol`,"updated_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_str_real_active` ON `strategies_real` (`connection_id`,`symbol`,`side`) WHERE "status" = 'active';
--> statement-breakpoint
CREATE TABLE `__new_strategies_block` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`connection_id` text NOT NULL,
	`base_strategy_id` text NOT NULL,
	`symbol` text NOT NULL,
	`timeframe` text DEFAULT '1m' NOT NULL,
	`side` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`block_size` integer DEFAULT 1 NOT NULL,
	`max_blocks` integer DEFAULT 1 NOT NULL,
	`block_volume_factor` text DEFAULT '1.00000000' NOT NULL,
	`profit_factor` text,
	`settings` text DEFAULT '{}' NOT NULL,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `exchange_connections`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`base_strategy_id`) REFERENCES `strategies_base`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ck_str_blk_timeframe" CHECK("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w')),
	CONSTRAINT "ck_str_blk_side" CHECK("side" IN ('long', 'short')),
	CONSTRAINT "ck_str_blk_status" CHECK("status" IN ('active', 'inactive', 'expired', 'archived'))
);

--> statement-breakpoint
INSERT INTO `__new_strategies_block`("id", "connection_id", "base_strategy_id", "symbol", "timeframe", "side", "status", "block_size", "max_blocks", "block_volume_factor", "profit_factor", "settings", "created_at", "updated_at") SELECT "id", "connection_id", "base_strategy_id", "symbol", "timeframe", "side", "status", "block_size", "max_blocks", "block_volume_factor", "profit_factor", "settings", "created_at", "updated_at" FROM `strategies_block`;
--> statement-breakpoint
DROP TABLE `strategies_block`;
--> statement-breakpoint
ALTER TABLE `__new_strategies_block` RENAME TO `strategies_block`;
--> statement-breakpoint
CREATE INDEX `idx_str_blk_base` ON `strategies_block` (`base_strategy_id`);
--> statement-breakpoint
CREATE INDEX `idx_str_blk_conn_symbol` ON `strategies_block` (`connection_id`,`symbol`,"updated_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_str_blk_active` ON `strategies_block` (`connection_id`,`symbol`,`side`) WHERE "status" = 'active';
--> statement-breakpoint
CREATE TABLE `__new_strategies_dca` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`connection_id` text NOT NULL,
	`base_strategy_id` text NOT NULL,
	`symbol` text NOT NULL,
	`timeframe` text DEFAULT '1m' NOT NULL,
	`side` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`max_orders` integer DEFAULT 3 NOT NULL,
	`step_percent` text DEFAULT '1.00000000' NOT NULL,
	`volume_multiplier` text DEFAULT '1.00000000' NOT NULL,
	`levels` text DEFAULT '[]' NOT NULL,
	`profit_factor` text,
	`settings` text DEFAULT '{}' NOT NULL,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `exchange_connections`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`base_strategy_id`) REFERENCES `strategies_base`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ck_str_dca_timeframe" CHECK("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w')),
	CONSTRAINT "ck_str_dca_side" CHECK("side" IN ('long', 'short')),
	CONSTRAINT "ck_str_dca_status" CHECK("status" IN ('active', 'inactive', 'expired', 'archived'))
);

--> statement-breakpoint
INSERT INTO `__new_strategies_dca`("id", "connection_id", "base_strategy_id", "symbol", "timeframe", "side", "status", "max_orders", "step_percent", "volume_multiplier", "levels", "profit_factor", "settings", "created_at", "updated_at") SELECT "id", "connection_id", "base_strategy_id", "symbol", "timeframe", "side", "status", "max_orders", "step_percent", "volume_multiplier", "levels", "profit_factor", "settings", "created_at", "updated_at" FROM `strategies_dca`;
--> statement-breakpoint
DROP TABLE `strategies_dca`;
--> statement-breakpoint
ALTER TABLE `__new_strategies_dca` RENAME TO `strategies_dca`;
--> statement-breakpoint
CREATE INDEX `idx_str_dca_base` ON `strategies_dca` (`base_strategy_id`);
--> statement-breakpoint
CREATE INDEX `idx_str_dca_conn_symbol` ON `strategies_dca` (`connection_id`,`symbol`,"updated_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_str_dca_active` ON `strategies_dca` (`connection_id`,`symbol`,`side`) WHERE "status" = 'active';
--> statement-breakpoint
CREATE TABLE `__new_strategies_trailing` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`connection_id` text NOT NULL,
	`base_strategy_id` text NOT NULL,
	`symbol` text NOT NULL,
	`timeframe` text DEFAULT '1m' NOT NULL,
	`side` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`activation_percent` text DEFAULT '0.00000000' NOT NULL,
	`trailing_percent` text DEFAULT '0.00000000' NOT NULL,
	`trailing_step_percent` text,
	`activation_price` text,
	`profit_factor` text,
	`settings` text DEFAULT '{}' NOT NULL,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `exchange_connections`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`base_strategy_id`) REFERENCES `strategies_base`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ck_str_trl_timeframe" CHECK("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w')),
	CONSTRAINT "ck_str_trl_side" CHECK("side" IN ('long', 'short')),
	CONSTRAINT "ck_str_trl_status" CHECK("status" IN ('active', 'inactive', 'expired', 'archived'))
);

--> statement-breakpoint
INSERT INTO `__new_strategies_trailing`("id", "connection_id", "base_strategy_id", "symbol", "timeframe", "side", "status", "activation_percent", "trailing_percent", "trailing_step_percent", "activation_price", "profit_factor", "settings", "created_at", "updated_at") SELECT "id", "connection_id", "base_strategy_id", "symbol", "timeframe", "side", "status", "activation_percent", "trailing_percent", "trailing_step_percent", "activation_price", "profit_factor", "settings", "created_at", "updated_at" FROM `strategies_trailing`;
--> statement-breakpoint
DROP TABLE `strategies_trailing`;
--> statement-breakpoint
ALTER TABLE `__new_strategies_trailing` RENAME TO `strategies_trailing`;
--> statement-breakpoint
CREATE INDEX `idx_str_trl_base` ON `strategies_trailing` (`base_strategy_id`);
--> statement-breakpoint
CREATE INDEX `idx_str_trl_conn_symbol` ON `strategies_trailing` (`connection_id`,`symbol`,"updated_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_str_trl_active` ON `strategies_trailing` (`connection_id`,`symbol`,`side`) WHERE "status" = 'active';
--> statement-breakpoint
CREATE TABLE `__new_pseudo_positions` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`connection_id` text NOT NULL,
	`strategy_id` text,
	`symbol` text NOT NULL,
	`timeframe` text DEFAULT '1m' NOT NULL,
	`side` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`entry_price` text NOT NULL,
	`current_price` text,
	`exit_price` text,
	`quantity` text NOT NULL,
	`take_profit_price` text,
	`stop_loss_price` text,
	`take_profit_factor` text,
	`stop_loss_ratio` text,
	`trailing_enabled` integer DEFAULT 0 NOT NULL,
	`unrealized_pnl` text DEFAULT '0.000000000000000000' NOT NULL,
	`realized_pnl` text DEFAULT '0.000000000000000000' NOT NULL,
	`close_reason` text,
	`settings` text DEFAULT '{}' NOT NULL,
	`opened_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`closed_at` integer,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `exchange_connections`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`strategy_id`) REFERENCES `strategies_base`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "ck_pp_timeframe" CHECK("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w')),
	CONSTRAINT "ck_pp_side" CHECK("side" IN ('long', 'short')),
	CONSTRAINT "ck_pp_status" CHECK("status" IN ('active', 'pending', 'closed', 'cancelled', 'failed'))
);

--> statement-breakpoint
INSERT INTO `__new_pseudo_positions`("id", "connection_id", "strategy_id", "symbol", "timeframe", "side", "status", "entry_price", "current_price", "exit_price", "quantity", "take_profit_price", "stop_loss_price", "take_profit_factor", "stop_loss_ratio", "trailing_enabled", "unrealized_pnl", "realized_pnl", "close_reason", "settings", "opened_at", "closed_at", "created_at", "updated_at") SELECT "id", "connection_id", "strategy_id", "symbol", "timeframe", "side", "status", "entry_price", "current_price", "exit_price", "quantity", "take_profit_price", "stop_loss_price", "take_profit_factor", "stop_loss_ratio", "trailing_enabled", "unrealized_pnl", "realized_pnl", "close_reason", "settings", "opened_at", "closed_at", "created_at", "updated_at" FROM `pseudo_positions`;
--> statement-breakpoint
DROP TABLE `pseudo_positions`;
--> statement-breakpoint
ALTER TABLE `__new_pseudo_positions` RENAME TO `pseudo_positions`;
--> statement-breakpoint
CREATE INDEX `idx_pp_conn_symbol` ON `pseudo_positions` (`connection_id`,`symbol`,"opened_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_pp_conn_status` ON `pseudo_positions` (`connection_id`,`status`,"updated_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_pp_strategy` ON `pseudo_positions` (`strategy_id`,"opened_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_pp_active` ON `pseudo_positions` (`connection_id`,`symbol`,`side`) WHERE "status" = 'active';
--> statement-breakpoint
CREATE TABLE `__new_real_pseudo_positions` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`connection_id` text NOT NULL,
	`pseudo_position_id` text NOT NULL,
	`symbol` text NOT NULL,
	`side` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`entry_price` text NOT NULL,
	`current_price` text,
	`exit_price` text,
	`quantity` text NOT NULL,
	`take_profit_price` text,
	`stop_loss_price` text,
	`unrealized_pnl` text DEFAULT '0.000000000000000000' NOT NULL,
	`realized_pnl` text DEFAULT '0.000000000000000000' NOT NULL,
	`close_reason` text,
	`validated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`opened_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`closed_at` integer,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `exchange_connections`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`pseudo_position_id`) REFERENCES `pseudo_positions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ck_rpp_side" CHECK("side" IN ('long', 'short')),
	CONSTRAINT "ck_rpp_status" CHECK("status" IN ('active', 'pending', 'closed', 'cancelled', 'failed'))
);

--> statement-breakpoint
INSERT INTO `__new_real_pseudo_positions`("id", "connection_id", "pseudo_position_id", "symbol", "side", "status", "entry_price", "current_price", "exit_price", "quantity", "take_profit_price", "stop_loss_price", "unrealized_pnl", "realized_pnl", "close_reason", "validated_at", "opened_at", "closed_at", "created_at", "updated_at") SELECT "id", "connection_id", "pseudo_position_id", "symbol", "side", "status", "entry_price", "current_price", "exit_price", "quantity", "take_profit_price", "stop_loss_price", "unrealized_pnl", "realized_pnl", "close_reason", "validated_at", "opened_at", "closed_at", "created_at", "updated_at" FROM `real_pseudo_positions`;
--> statement-breakpoint
DROP TABLE `real_pseudo_positions`;
--> statement-breakpoint
ALTER TABLE `__new_real_pseudo_positions` RENAME TO `real_pseudo_positions`;
--> statement-breakpoint
CREATE INDEX `idx_rpp_pseudo` ON `real_pseudo_positions` (`pseudo_position_id`);
--> statement-breakpoint
CREATE INDEX `idx_rpp_conn_symbol` ON `real_pseudo_positions` (`connection_id`,`symbol`,"opened_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_rpp_conn_status` ON `real_pseudo_positions` (`connection_id`,`status`,"updated_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_rpp_active` ON `real_pseudo_positions` (`connection_id`,`symbol`,`side`) WHERE "status" = 'active';
--> statement-breakpoint
CREATE TABLE `__new_exchange_positions` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`connection_id` text NOT NULL,
	`real_pseudo_position_id` text,
	`exchange_position_id` text,
	`symbol` text NOT NULL,
	`side` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`entry_price` text NOT NULL,
	`mark_price` text,
	`liquidation_price` text,
	`quantity` text NOT NULL,
	`leverage` integer DEFAULT 1 NOT NULL,
	`margin_type` text DEFAULT 'cross' NOT NULL,
	`margin` text,
	`unrealized_pnl` text DEFAULT '0.000000000000000000' NOT NULL,
	`realized_pnl` text DEFAULT '0.000000000000000000' NOT NULL,
	`raw` text DEFAULT '{}' NOT NULL,
	`opened_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`closed_at` integer,
	`synced_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `exchange_connections`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`real_pseudo_position_id`) REFERENCES `real_pseudo_positions`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "ck_xp_side" CHECK("side" IN ('long', 'short')),
	CONSTRAINT "ck_xp_status" CHECK("status" IN ('active', 'pending', 'closed', 'cancelled', 'failed')),
	CONSTRAINT "ck_xp_margin_type" CHECK("margin_type" IN ('cross', 'isolated'))
);

--> statement-breakpoint
INSERT INTO `__new_exchange_positions`("id", "connection_id", "real_pseudo_position_id", "exchange_position_id", "symbol", "side", "status", "entry_price", "mark_price", "liquidation_price", "quantity", "leverage", "margin_type", "margin", "unrealized_pnl", "realized_pnl", "raw", "opened_at", "closed_at", "synced_at", "created_at", "updated_at") SELECT "id", "connection_id", "real_pseudo_position_id", "exchange_position_id", "symbol", "side", "status", "entry_price", "mark_price", "liquidation_price", "quantity", "leverage", "margin_type", "margin", "unrealized_pnl", "realized_pnl", "raw", "opened_at", "closed_at", "synced_at", "created_at", "updated_at" FROM `exchange_positions`;
--> statement-breakpoint
DROP TABLE `exchange_positions`;
--> statement-breakpoint
ALTER TABLE `__new_exchange_positions` RENAME TO `exchange_positions`;
--> statement-breakpoint
CREATE INDEX `idx_xp_conn_symbol` ON `exchange_positions` (`connection_id`,`symbol`,"opened_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_xp_conn_status` ON `exchange_positions` (`connection_id`,`status`,"synced_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_xp_real_pseudo` ON `exchange_positions` (`real_pseudo_position_id`);
--> statement-breakpoint
CREATE INDEX `idx_xp_active` ON `exchange_positions` (`connection_id`,`symbol`,`side`) WHERE "status" = 'active';
--> statement-breakpoint
CREATE UNIQUE INDEX `uq_xp_conn_exchange_pos` ON `exchange_positions` (`connection_id`,`exchange_position_id`);
--> statement-breakpoint
CREATE TABLE `__new_base_pseudo_positions` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`connection_id` text NOT NULL,
	`symbol` text NOT NULL,
	`indication_type` text DEFAULT 'optimal' NOT NULL,
	`side` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`take_profit_factor` text DEFAULT '0.00000000' NOT NULL,
	`stop_loss_ratio` text DEFAULT '0.00000000' NOT NULL,
	`trailing_enabled` integer DEFAULT 0 NOT NULL,
	`entry_price` text,
	`position_cost` text,
	`positions_count` integer DEFAULT 0 NOT NULL,
	`winning_count` integer DEFAULT 0 NOT NULL,
	`losing_count` integer DEFAULT 0 NOT NULL,
	`total_pnl` text DEFAULT '0.000000000000000000' NOT NULL,
	`profit_factor` text,
	`settings` text DEFAULT '{}' NOT NULL,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `exchange_connections`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ck_bpp_indication_type" CHECK("indication_type" IN ('direction', 'move', 'active', 'optimal', 'auto')),
	CONSTRAINT "ck_bpp_side" CHECK("side" IN ('long', 'short')),
	CONSTRAINT "ck_bpp_status" CHECK("status" IN ('active', 'pending', 'closed', 'cancelled', 'failed'))
);

--> statement-breakpoint
INSERT INTO `__new_base_pseudo_positions`("id", "connection_id", "symbol", "indication_type", "side", "status", "take_profit_factor", "stop_loss_ratio", "trailing_enabled", "entry_price", "position_cost", "positions_count", "winning_count", "losing_count", "total_pnl", "profit_factor", "settings", "created_at", "updated_at") SELECT "id", "connection_id", "symbol", "indication_type", "side", "status", "take_profit_factor", "stop_loss_ratio", "trailing_enabled", "entry_price", "position_cost", "positions_count", "winning_count", "losing_count", "total_pnl", "profit_factor", "settings", "created_at", "updated_at" FROM `base_pseudo_positions`;
--> statement-breakpoint
DROP TABLE `base_pseudo_positions`;
--> statement-breakpoint
ALTER TABLE `__new_base_pseudo_positions` RENAME TO `base_pseudo_positions`;
--> statement-breakpoint
CREATE INDEX `idx_bpp_conn_symbol` ON `base_pseudo_positions` (`connection_id`,`symbol`,"updated_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_bpp_conn_status` ON `base_pseudo_positions` (`connection_id`,`status`,"updated_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_bpp_active` ON `base_pseudo_positions` (`connection_id`,`symbol`,`side`) WHERE "status" = 'active';
--> statement-breakpoint
CREATE TABLE `__new_statistics_strategy` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`connection_id` text NOT NULL,
	`strategy_id` text NOT NULL,
	`symbol` text NOT NULL,
	`period_start` integer NOT NULL,
	`period_end` integer NOT NULL,
	`total_trades` integer DEFAULT 0 NOT NULL,
	`winning_trades` integer DEFAULT 0 NOT NULL,
	`losing_trades` integer DEFAULT 0 NOT NULL,
	`win_rate` text,
	`profit_factor` text,
	`total_pnl` text DEFAULT '0.000000000000000000' NOT NULL,
	`max_drawdown` text,
	`metrics` text DEFAULT '{}' NOT NULL,
	`calculated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `exchange_connections`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`strategy_id`) REFERENCES `strategies_base`(`id`) ON UPDATE no action ON DELETE cascade
);

--> statement-breakpoint
INSERT INTO `__new_statistics_strategy`("id", "connection_id", "strategy_id", "symbol", "period_start", "period_end", "total_trades", "winning_trades", "losing_trades", "win_rate", "profit_factor", "total_pnl", "max_drawdown", "metrics", "calculated_at", "created_at", "updated_at") SELECT "id", "connection_id", "strategy_id", "symbol", "period_start", "period_end", "total_trades", "winning_trades", "losing_trades", "win_rate", "profit_factor", "total_pnl", "max_drawdown", "metrics", "calculated_at", "created_at", "updated_at" FROM `statistics_strategy`;
--> statement-breakpoint
DROP TABLE `statistics_strategy`;
--> statement-breakpoint
ALTER TABLE `__new_statistics_strategy` RENAME TO `statistics_strategy`;
--> statement-breakpoint
CREATE INDEX `idx_st_str_strategy` ON `statistics_strategy` (`strategy_id`,"calculated_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_st_str_conn_symbol` ON `statistics_strategy` (`connection_id`,`symbol`,"calculated_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_st_str_calculated` ON `statistics_strategy` ("calculated_at" desc);
--> statement-breakpoint
CREATE UNIQUE INDEX `uq_st_str_period` ON `statistics_strategy` (`strategy_id`,`period_start`);
--> statement-breakpoint
CREATE TABLE `__new_statistics_daily` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`connection_id` text NOT NULL,
	`stat_date` text NOT NULL,
	`positions_opened` integer DEFAULT 0 NOT NULL,
	`positions_closed` integer DEFAULT 0 NOT NULL,
	`total_trades` integer DEFAULT 0 NOT NULL,
	`winning_trades` integer DEFAULT 0 NOT NULL,
	`losing_trades` integer DEFAULT 0 NOT NULL,
	`volume` text DEFAULT '0.000000000000000000' NOT NULL,
	`realized_pnl` text DEFAULT '0.000000000000000000' NOT NULL,
	`fees` text DEFAULT '0.000000000000000000' NOT NULL,
	`metrics` text DEFAULT '{}' NOT NULL,
	`calculated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `exchange_connections`(`id`) ON UPDATE no action ON DELETE cascade
);

--> statement-breakpoint
INSERT INTO `__new_statistics_daily`("id", "connection_id", "stat_date", "positions_opened", "positions_closed", "total_trades", "winning_trades", "losing_trades", "volume", "realized_pnl", "fees", "metrics", "calculated_at", "created_at", "updated_at") SELECT "id", "connection_id", "stat_date", "positions_opened", "positions_closed", "total_trades", "winning_trades", "losing_trades", "volume", "realized_pnl", "fees", "metrics", "calculated_at", "created_at", "updated_at" FROM `statistics_daily`;
--> statement-breakpoint
DROP TABLE `statistics_daily`;
--> statement-breakpoint
ALTER TABLE `__new_statistics_daily` RENAME TO `statistics_daily`;
--> statement-breakpoint
CREATE INDEX `idx_st_day_conn_date` ON `statistics_daily` (`connection_id`,"stat_date" desc);
--> statement-breakpoint
CREATE INDEX `idx_st_day_date` ON `statistics_daily` ("stat_date" desc);
--> statement-breakpoint
CREATE UNIQUE INDEX `uq_st_day_conn_date` ON `statistics_daily` (`connection_id`,`stat_date`);
--> statement-breakpoint
CREATE TABLE `__new_preset_configurations` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`preset_id` text NOT NULL,
	`symbol` text NOT NULL,
	`indication_type` text DEFAULT 'direction' NOT NULL,
	`timeframe` text DEFAULT '1m' NOT NULL,
	`take_profit_factor` text DEFAULT '0.00000000' NOT NULL,
	`stop_loss_ratio` text DEFAULT '0.00000000' NOT NULL,
	`trailing_enabled` integer DEFAULT 0 NOT NULL,
	`position_cost` text,
	`leverage` integer DEFAULT 1 NOT NULL,
	`is_enabled` integer DEFAULT 1 NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	FOREIGN KEY (`preset_id`) REFERENCES `presets`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ck_pre_cfg_indication_type" CHECK("indication_type" IN ('direction', 'move', 'active', 'optimal', 'auto')),
	CONSTRAINT "ck_pre_cfg_timeframe" CHECK("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w'))
);

--> statement-breakpoint
INSERT INTO `__new_preset_configurations`("id", "preset_id", "symbol", "indication_type", "timeframe", "take_profit_factor", "stop_loss_ratio", "trailing_enabled", "position_cost", "leverage", "is_enabled", "settings", "created_at", "updated_at") SELECT "id", "preset_id", "symbol", "indication_type", "timeframe", "take_profit_factor", "stop_loss_ratio", "trailing_enabled", "position_cost", "leverage", "is_enabled", "settings", "created_at", "updated_at" FROM `preset_configurations`;
--> statement-breakpoint
DROP TABLE `preset_configurations`;
--> statement-breakpoint
ALTER TABLE `__new_preset_configurations` RENAME TO `preset_configurations`;
--> statement-breakpoint
CREATE INDEX `idx_pre_cfg_preset` ON `preset_configurations` (`preset_id`,`symbol`);
--> statement-breakpoint
CREATE UNIQUE INDEX `uq_pre_cfg_preset_symbol` ON `preset_configurations` (`preset_id`,`symbol`,`indication_type`,`timeframe`);
--> statement-breakpoint
CREATE TABLE `__new_preset_pseudo_positions` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`preset_id` text NOT NULL,
	`configuration_id` text,
	`connection_id` text NOT NULL,
	`symbol` text NOT NULL,
	`side` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`entry_price` text NOT NULL,
	`current_price` text,
	`exit_price` text,
	`quantity` text NOT NULL,
	`take_profit_price` text,
	`stop_loss_price` text,
	`unrealized_pnl` text DEFAULT '0.000000000000000000' NOT NULL,
	`realized_pnl` text DEFAULT '0.000000000000000000' NOT NULL,
	`close_reason` text,
	`opened_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`closed_at` integer,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	FOREIGN KEY (`preset_id`) REFERENCES `presets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`configuration_id`) REFERENCES `preset_configurations`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`connection_id`) REFERENCES `exchange_connections`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ck_pre_pp_side" CHECK("side" IN ('long', 'short')),
	CONSTRAINT "ck_pre_pp_status" CHECK("status" IN ('active', 'pending', 'closed', 'cancelled', 'failed'))
);

--> statement-breakpoint
INSERT INTO `__new_preset_pseudo_positions`("id", "preset_id", "configuration_id", "connection_id", "symbol", "side", "status", "entry_price", "current_price", "exit_price", "quantity", "take_profit_price", "stop_loss_price", "unrealized_pnl", "realized_pnl", "close_reason", "opened_at", "closed_at", "created_at", "updated_at") SELECT "id", "preset_id", "configuration_id", "connection_id", "symbol", "side", "status", "entry_price", "current_price", "exit_price", "quantity", "take_profit_price", "stop_loss_price", "unrealized_pnl", "realized_pnl", "close_reason", "opened_at", "closed_at", "created_at", "updated_at" FROM `preset_pseudo_positions`;
--> statement-breakpoint
DROP TABLE `preset_pseudo_positions`;
--> statement-breakpoint
ALTER TABLE `__new_preset_pseudo_positions` RENAME TO `preset_pseudo_positions`;
--> statement-breakpoint
CREATE INDEX `idx_pre_pp_preset` ON `preset_pseudo_positions` (`preset_id`,`status`,"opened_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_pre_pp_configuration` ON `preset_pseudo_positions` (`configuration_id`);
--> statement-breakpoint
CREATE INDEX `idx_pre_pp_conn_symbol` ON `preset_pseudo_positions` (`connection_id`,`symbol`,"opened_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_pre_pp_active` ON `preset_pseudo_positions` (`preset_id`,`symbol`,`side`) WHERE "status" = 'active';
--> statement-breakpoint
CREATE TABLE `__new_preset_trades` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`preset_id` text NOT NULL,
	`preset_pseudo_position_id` text,
	`connection_id` text NOT NULL,
	`symbol` text NOT NULL,
	`side` text NOT NULL,
	`action` text NOT NULL,
	`price` text NOT NULL,
	`quantity` text NOT NULL,
	`fee` text DEFAULT '0.000000000000000000' NOT NULL,
	`realized_pnl` text DEFAULT '0.000000000000000000' NOT NULL,
	`executed_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	FOREIGN KEY (`preset_id`) REFERENCES `presets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`preset_pseudo_position_id`) REFERENCES `preset_pseudo_positions`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`connection_id`) REFERENCES `exchange_connections`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ck_pre_trd_side" CHECK("side" IN ('long', 'short')),
	CONSTRAINT "ck_pre_trd_action" CHECK("action" IN ('open', 'increase', 'reduce', 'close'))
);

--> statement-breakpoint
INSERT INTO `__new_preset_trades`("id", "preset_id", "preset_pseudo_position_id", "connection_id", "symbol", "side", "action", "price", "quantity", "fee", "realized_pnl", "executed_at", "created_at") SELECT "id", "preset_id", "preset_pseudo_position_id", "connection_id", "symbol", "side", "action", "price", "quantity", "fee", "realized_pnl", "executed_at", "created_at" FROM `preset_trades`;
--> statement-breakpoint
DROP TABLE `preset_trades`;
--> statement-breakpoint
ALTER TABLE `__new_preset_trades` RENAME TO `preset_trades`;
--> statement-breakpoint
CREATE INDEX `idx_pre_trd_preset` ON `preset_trades` (`preset_id`,"executed_at" desc);
--> statement-breakpoint
CREATE INDEX `idx_pre_trd_position` ON `preset_trades` (`preset_pseudo_position_id`);
--> statement-breakpoint
CREATE INDEX `idx_pre_trd_conn_symbol` ON `preset_trades` (`connection_id`,`symbol`,"executed_at" desc);
