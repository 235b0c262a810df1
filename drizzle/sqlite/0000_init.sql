CREATE TABLE `base_pseudo_positions` (
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
CREATE INDEX `idx_bpp_conn_symbol` ON `base_pseudo_positions` (`connection_id`,`symbol`,"updated_at" desc);--> statement-breakpoint
CREATE INDEX `idx_bpp_conn_status` ON `base_pseudo_positions` (`connection_id`,`status`,"updated_at" desc);--> statement-breakpoint
CREATE INDEX `idx_bpp_active` ON `base_pseudo_positions` (`connection_id`,`symbol`,`side`) WHERE "status" = 'active';--> statement-breakpoint
CREATE TABLE `connection_coordination` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`connection_id` text NOT NULL,
	`worker_id` text NOT NULL,
	`status` text DEFAULT 'idle' NOT NULL,
	`heartbeat_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`lease_expires_at` integer,
	`state` text DEFAULT '{}' NOT NULL,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `exchange_connections`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ck_cco_status" CHECK("status" IN ('active', 'idle', 'stopping', 'stopped', 'error'))
);
--> statement-breakpoint
CREATE INDEX `idx_cco_connection` ON `connection_coordination` (`connection_id`);--> statement-breakpoint
CREATE INDEX `idx_cco_active` ON `connection_coordination` (`connection_id`,"heartbeat_at" desc) WHERE "status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX `uq_cco_connection_worker` ON `connection_coordination` (`connection_id`,`worker_id`);--> statement-breakpoint
CREATE TABLE `exchange_connections` (
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
CREATE INDEX `idx_exc_exchange` ON `exchange_connections` (`exchange`);--> statement-breakpoint
CREATE INDEX `idx_exc_enabled` ON `exchange_connections` (`is_enabled`,"updated_at" desc);--> statement-breakpoint
CREATE UNIQUE INDEX `uq_exc_name` ON `exchange_connections` (`name`);--> statement-breakpoint
CREATE TABLE `exchange_positions` (
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
CREATE INDEX `idx_xp_conn_symbol` ON `exchange_positions` (`connection_id`,`symbol`,"opened_at" desc);--> statement-breakpoint
CREATE INDEX `idx_xp_conn_status` ON `exchange_positions` (`connection_id`,`status`,"synced_at" desc);--> statement-breakpoint
CREATE INDEX `idx_xp_real_pseudo` ON `exchange_positions` (`real_pseudo_position_id`);--> statement-breakpoint
CREATE INDEX `idx_xp_active` ON `exchange_positions` (`connection_id`,`symbol`,`side`) WHERE "status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX `uq_xp_conn_exchange_pos` ON `exchange_positions` (`connection_id`,`exchange_position_id`);--> statement-breakpoint
CREATE TABLE `indication_history` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`indication_state_id` text NOT NULL,
	`connection_id` text NOT NULL,
	`symbol` text NOT NULL,
	`indication_type` text NOT NULL,
	`timeframe` text DEFAULT '1m' NOT NULL,
	`side` text,
	`value` text,
	`state` text DEFAULT '{}' NOT NULL,
	`calculated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	FOREIGN KEY (`indication_state_id`) REFERENCES `indication_states`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`connection_id`) REFERENCES `exchange_connections`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ck_ind_his_indication_type" CHECK("indication_type" IN ('direction', 'move', 'active', 'optimal', 'auto')),
	CONSTRAINT "ck_ind_his_timeframe" CHECK("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w')),
	CONSTRAINT "ck_ind_his_side" CHECK("side" IN ('long', 'short'))
);
--> statement-breakpoint
CREATE INDEX `idx_ind_his_state` ON `indication_history` (`indication_state_id`,"calculated_at" desc);--> statement-breakpoint
CREATE INDEX `idx_ind_his_conn_symbol` ON `indication_history` (`connection_id`,`symbol`,"calculated_at" desc);--> statement-breakpoint
CREATE INDEX `idx_ind_his_calculated` ON `indication_history` ("calculated_at" desc);--> statement-breakpoint
CREATE TABLE `indication_states` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`connection_id` text NOT NULL,
	`symbol` text NOT NULL,
	`indication_type` text NOT NULL,
	`timeframe` text DEFAULT '1m' NOT NULL,
	`side` text,
	`status` text DEFAULT 'active' NOT NULL,
	`last_value` text,
	`state` text DEFAULT '{}' NOT NULL,
	`last_signal_at` integer,
	`calculated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `exchange_connections`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ck_ind_st_indication_type" CHECK("indication_type" IN ('direction', 'move', 'active', 'optimal', 'auto')),
	CONSTRAINT "ck_ind_st_timeframe" CHECK("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w')),
	CONSTRAINT "ck_ind_st_side" CHECK("side" IN ('long', 'short')),
	CONSTRAINT "ck_ind_st_status" CHECK("status" IN ('active', 'inactive', 'expired', 'archived'))
);
--> statement-breakpoint
CREATE INDEX `idx_ind_st_conn_symbol` ON `indication_states` (`connection_id`,`symbol`,"calculated_at" desc);--> statement-breakpoint
CREATE INDEX `idx_ind_st_conn_status` ON `indication_states` (`connection_id`,`status`,"calculated_at" desc);--> statement-breakpoint
CREATE INDEX `idx_ind_st_active` ON `indication_states` (`connection_id`,`indication_type`,`symbol`) WHERE "status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX `uq_ind_st_conn_sym_type_tf` ON `indication_states` (`connection_id`,`symbol`,`indication_type`,`timeframe`);--> statement-breakpoint
CREATE TABLE `indications_active` (
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
CREATE INDEX `idx_ind_act_conn_symbol` ON `indications_active` (`connection_id`,`symbol`,"calculated_at" desc);--> statement-breakpoint
CREATE INDEX `idx_ind_act_conn_status` ON `indications_active` (`connection_id`,`status`,"calculated_at" desc);--> statement-breakpoint
CREATE INDEX `idx_ind_act_active` ON `indications_active` (`connection_id`,`symbol`,`timeframe`) WHERE "status" = 'active';--> statement-breakpoint
CREATE TABLE `indications_auto` (
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
CREATE INDEX `idx_ind_aut_conn_symbol` ON `indications_auto` (`connection_id`,`symbol`,"calculated_at" desc);--> statement-breakpoint
CREATE INDEX `idx_ind_aut_conn_status` ON `indications_auto` (`connection_id`,`status`,"calculated_at" desc);--> statement-breakpoint
CREATE INDEX `idx_ind_aut_active` ON `indications_auto` (`connection_id`,`symbol`,`timeframe`) WHERE "status" = 'active';--> statement-breakpoint
CREATE TABLE `indications_direction` (
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
CREATE INDEX `idx_ind_dir_conn_symbol` ON `indications_direction` (`connection_id`,`symbol`,"calculated_at" desc);--> statement-breakpoint
CREATE INDEX `idx_ind_dir_conn_status` ON `indications_direction` (`connection_id`,`status`,"calculated_at" desc);--> statement-breakpoint
CREATE INDEX `idx_ind_dir_active` ON `indications_direction` (`connection_id`,`symbol`,`timeframe`) WHERE "status" = 'active';--> statement-breakpoint
CREATE TABLE `indications_move` (
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
CREATE INDEX `idx_ind_mov_conn_symbol` ON `indications_move` (`connection_id`,`symbol`,"calculated_at" desc);--> statement-breakpoint
CREATE INDEX `idx_ind_mov_conn_status` ON `indications_move` (`connection_id`,`status`,"calculated_at" desc);--> statement-breakpoint
CREATE INDEX `idx_ind_mov_active` ON `indications_move` (`connection_id`,`symbol`,`timeframe`) WHERE "status" = 'active';--> statement-breakpoint
CREATE TABLE `indications_optimal` (
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
CREATE INDEX `idx_ind_opt_conn_symbol` ON `indications_optimal` (`connection_id`,`symbol`,"calculated_at" desc);--> statement-breakpoint
CREATE INDEX `idx_ind_opt_conn_status` ON `indications_optimal` (`connection_id`,`status`,"calculated_at" desc);--> statement-breakpoint
CREATE INDEX `idx_ind_opt_active` ON `indications_optimal` (`connection_id`,`symbol`,`timeframe`) WHERE "status" = 'active';--> statement-breakpoint
CREATE TABLE `preset_configurations` (
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
CREATE INDEX `idx_pre_cfg_preset` ON `preset_configurations` (`preset_id`,`symbol`);--> statement-breakpoint
CREATE UNIQUE INDEX `uq_pre_cfg_preset_symbol` ON `preset_configurations` (`preset_id`,`symbol`,`indication_type`,`timeframe`);--> statement-breakpoint
CREATE TABLE `preset_pseudo_positions` (
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
CREATE INDEX `idx_pre_pp_preset` ON `preset_pseudo_positions` (`preset_id`,`status`,"opened_at" desc);--> statement-breakpoint
CREATE INDEX `idx_pre_pp_configuration` ON `preset_pseudo_positions` (`configuration_id`);--> statement-breakpoint
CREATE INDEX `idx_pre_pp_conn_symbol` ON `preset_pseudo_positions` (`connection_id`,`symbol`,"opened_at" desc);--> statement-breakpoint
CREATE INDEX `idx_pre_pp_active` ON `preset_pseudo_positions` (`preset_id`,`symbol`,`side`) WHERE "status" = 'active';--> statement-breakpoint
CREATE TABLE `preset_trade_engine_state` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`preset_id` text NOT NULL,
	`connection_id` text NOT NULL,
	`status` text DEFAULT 'idle' NOT NULL,
	`cycle_count` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`state` text DEFAULT '{}' NOT NULL,
	`started_at` integer,
	`stopped_at` integer,
	`heartbeat_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	FOREIGN KEY (`preset_id`) REFERENCES `presets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`connection_id`) REFERENCES `exchange_connections`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ck_pre_tes_status" CHECK("status" IN ('active', 'idle', 'paused', 'stopped', 'error'))
);
--> statement-breakpoint
CREATE INDEX `idx_pre_tes_preset` ON `preset_trade_engine_state` (`preset_id`);--> statement-breakpoint
CREATE INDEX `idx_pre_tes_connection` ON `preset_trade_engine_state` (`connection_id`,`status`);--> statement-breakpoint
CREATE INDEX `idx_pre_tes_active` ON `preset_trade_engine_state` (`connection_id`,"heartbeat_at" desc) WHERE "status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX `uq_pre_tes_preset_conn` ON `preset_trade_engine_state` (`preset_id`,`connection_id`);--> statement-breakpoint
CREATE TABLE `preset_trades` (
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
CREATE INDEX `idx_pre_trd_preset` ON `preset_trades` (`preset_id`,"executed_at" desc);--> statement-breakpoint
CREATE INDEX `idx_pre_trd_position` ON `preset_trades` (`preset_pseudo_position_id`);--> statement-breakpoint
CREATE INDEX `idx_pre_trd_conn_symbol` ON `preset_trades` (`connection_id`,`symbol`,"executed_at" desc);--> statement-breakpoint
CREATE TABLE `presets` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`is_predefined` integer DEFAULT 0 NOT NULL,
	`is_enabled` integer DEFAULT 1 NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `uq_pre_name` ON `presets` (`name`);--> statement-breakpoint
CREATE TABLE `pseudo_positions` (
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
CREATE INDEX `idx_pp_conn_symbol` ON `pseudo_positions` (`connection_id`,`symbol`,"opened_at" desc);--> statement-breakpoint
CREATE INDEX `idx_pp_conn_status` ON `pseudo_positions` (`connection_id`,`status`,"updated_at" desc);--> statement-breakpoint
CREATE INDEX `idx_pp_strategy` ON `pseudo_positions` (`strategy_id`,"opened_at" desc);--> statement-breakpoint
CREATE INDEX `idx_pp_active` ON `pseudo_positions` (`connection_id`,`symbol`,`side`) WHERE "status" = 'active';--> statement-breakpoint
CREATE TABLE `real_pseudo_positions` (
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
CREATE INDEX `idx_rpp_pseudo` ON `real_pseudo_positions` (`pseudo_position_id`);--> statement-breakpoint
CREATE INDEX `idx_rpp_conn_symbol` ON `real_pseudo_positions` (`connection_id`,`symbol`,"opened_at" desc);--> statement-breakpoint
CREATE INDEX `idx_rpp_conn_status` ON `real_pseudo_positions` (`connection_id`,`status`,"updated_at" desc);--> statement-breakpoint
CREATE INDEX `idx_rpp_active` ON `real_pseudo_positions` (`connection_id`,`symbol`,`side`) WHERE "status" = 'active';--> statement-breakpoint
CREATE TABLE `site_logs` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`level` text DEFAULT 'info' NOT NULL,
	`category` text DEFAULT 'system' NOT NULL,
	`source` text,
	`message` text NOT NULL,
	`context` text DEFAULT '{}' NOT NULL,
	`error_stack` text,
	`connection_id` text,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `exchange_connections`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "ck_slog_level" CHECK("level" IN ('debug', 'info', 'warn', 'error', 'fatal'))
);
--> statement-breakpoint
CREATE INDEX `idx_slog_created` ON `site_logs` ("created_at" desc);--> statement-breakpoint
CREATE INDEX `idx_slog_level_created` ON `site_logs` (`level`,"created_at" desc);--> statement-breakpoint
CREATE INDEX `idx_slog_category_created` ON `site_logs` (`category`,"created_at" desc);--> statement-breakpoint
CREATE INDEX `idx_slog_connection` ON `site_logs` (`connection_id`,"created_at" desc);--> statement-breakpoint
CREATE TABLE `statistics_daily` (
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
CREATE INDEX `idx_st_day_conn_date` ON `statistics_daily` (`connection_id`,"stat_date" desc);--> statement-breakpoint
CREATE INDEX `idx_st_day_date` ON `statistics_daily` ("stat_date" desc);--> statement-breakpoint
CREATE UNIQUE INDEX `uq_st_day_conn_date` ON `statistics_daily` (`connection_id`,`stat_date`);--> statement-breakpoint
CREATE TABLE `statistics_indication` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`connection_id` text NOT NULL,
	`symbol` text NOT NULL,
	`indication_type` text NOT NULL,
	`timeframe` text DEFAULT '1m' NOT NULL,
	`period_start` integer NOT NULL,
	`period_end` integer NOT NULL,
	`signals_count` integer DEFAULT 0 NOT NULL,
	`success_count` integer DEFAULT 0 NOT NULL,
	`success_rate` text,
	`avg_profit_percent` text,
	`metrics` text DEFAULT '{}' NOT NULL,
	`calculated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `exchange_connections`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ck_st_ind_indication_type" CHECK("indication_type" IN ('direction', 'move', 'active', 'optimal', 'auto')),
	CONSTRAINT "ck_st_ind_timeframe" CHECK("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w'))
);
--> statement-breakpoint
CREATE INDEX `idx_st_ind_conn_symbol` ON `statistics_indication` (`connection_id`,`symbol`,"calculated_at" desc);--> statement-breakpoint
CREATE INDEX `idx_st_ind_type` ON `statistics_indication` (`indication_type`,"calculated_at" desc);--> statement-breakpoint
CREATE INDEX `idx_st_ind_calculated` ON `statistics_indication` ("calculated_at" desc);--> statement-breakpoint
CREATE UNIQUE INDEX `uq_st_ind_period` ON `statistics_indication` (`connection_id`,`symbol`,`indication_type`,`timeframe`,`period_start`);--> statement-breakpoint
CREATE TABLE `statistics_strategy` (
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
CREATE INDEX `idx_st_str_strategy` ON `statistics_strategy` (`strategy_id`,"calculated_at" desc);--> statement-breakpoint
CREATE INDEX `idx_st_str_conn_symbol` ON `statistics_strategy` (`connection_id`,`symbol`,"calculated_at" desc);--> statement-breakpoint
CREATE INDEX `idx_st_str_calculated` ON `statistics_strategy` ("calculated_at" desc);--> statement-breakpoint
CREATE UNIQUE INDEX `uq_st_str_period` ON `statistics_strategy` (`strategy_id`,`period_start`);--> statement-breakpoint
CREATE TABLE `strategies_base` (
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
CREATE INDEX `idx_str_base_conn_symbol` ON `strategies_base` (`connection_id`,`symbol`,"updated_at" desc);--> statement-breakpoint
CREATE INDEX `idx_str_base_conn_status` ON `strategies_base` (`connection_id`,`status`,"updated_at" desc);--> statement-breakpoint
CREATE INDEX `idx_str_base_active` ON `strategies_base` (`connection_id`,`symbol`,`side`) WHERE "status" = 'active';--> statement-breakpoint
CREATE TABLE `strategies_block` (
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
CREATE INDEX `idx_str_blk_base` ON `strategies_block` (`base_strategy_id`);--> statement-breakpoint
CREATE INDEX `idx_str_blk_conn_symbol` ON `strategies_block` (`connection_id`,`symbol`,"updated_at" desc);--> statement-breakpoint
CREATE INDEX `idx_str_blk_active` ON `strategies_block` (`connection_id`,`symbol`,`side`) WHERE "status" = 'active';--> statement-breakpoint
CREATE TABLE `strategies_dca` (
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
CREATE INDEX `idx_str_dca_base` ON `strategies_dca` (`base_strategy_id`);--> statement-breakpoint
CREATE INDEX `idx_str_dca_conn_symbol` ON `strategies_dca` (`connection_id`,`symbol`,"updated_at" desc);--> statement-breakpoint
CREATE INDEX `idx_str_dca_active` ON `strategies_dca` (`connection_id`,`symbol`,`side`) WHERE "status" = 'active';--> statement-breakpoint
CREATE TABLE `strategies_main` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`connection_id` text NOT NULL,
	`base_strategy_id` text NOT NULL,
	`symbol` text NOT NULL,
	`timeframe` text DEFAULT '1m' NOT NULL,
	`side` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`position_cost` text,
	`max_positions` integer DEFAULT 1 NOT NULL,
	`profit_factor` text,
	`max_drawdown` text,
	`total_trades` integer DEFAULT 0 NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`evaluated_at` integer,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `exchange_connections`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`base_strategy_id`) REFERENCES `strategies_base`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ck_str_main_timeframe" CHECK("timeframe" IN ('1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w')),
	CONSTRAINT "ck_str_main_side" CHECK("side" IN ('long', 'short')),
	CONSTRAINT "ck_str_main_status" CHECK("status" IN ('active', 'inactive', 'expired', 'archived'))
);
--> statement-breakpoint
CREATE INDEX `idx_str_main_base` ON `strategies_main` (`base_strategy_id`);--> statement-breakpoint
CREATE INDEX `idx_str_main_conn_symbol` ON `strategies_main` (`connection_id`,`symbol`,"updated_at" desc);--> statement-breakpoint
CREATE INDEX `idx_str_main_active` ON `strategies_main` (`connection_id`,`symbol`,`side`) WHERE "status" = 'active';--> statement-breakpoint
CREATE TABLE `strategies_real` (
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
CREATE INDEX `idx_str_real_base` ON `strategies_real` (`base_strategy_id`);--> statement-breakpoint
CREATE INDEX `idx_str_real_conn_symbol` ON `strategies_real` (`connection_id`,`symbol`,"updated_at" desc);--> statement-breakpoint
CREATE INDEX `idx_str_real_active` ON `strategies_real` (`connection_id`,`symbol`,`side`) WHERE "status" = 'active';--> statement-breakpoint
CREATE TABLE `strategies_trailing` (
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
CREATE INDEX `idx_str_trl_base` ON `strategies_trailing` (`base_strategy_id`);--> statement-breakpoint
CREATE INDEX `idx_str_trl_conn_symbol` ON `strategies_trailing` (`connection_id`,`symbol`,"updated_at" desc);--> statement-breakpoint
CREATE INDEX `idx_str_trl_active` ON `strategies_trailing` (`connection_id`,`symbol`,`side`) WHERE "status" = 'active';--> statement-breakpoint
CREATE TABLE `system_settings` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`key` text NOT NULL,
	`value` text NOT NULL,
	`category` text DEFAULT 'general' NOT NULL,
	`description` text,
	`is_secret` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `idx_sys_category` ON `system_settings` (`category`,`key`);--> statement-breakpoint
CREATE UNIQUE INDEX `uq_sys_key` ON `system_settings` (`key`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`username` text NOT NULL,
	`email` text,
	`password_hash` text NOT NULL,
	`role` text DEFAULT 'viewer' NOT NULL,
	`is_active` integer DEFAULT 1 NOT NULL,
	`preferences` text DEFAULT '{}' NOT NULL,
	`last_login_at` integer,
	`created_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) NOT NULL,
	CONSTRAINT "ck_usr_role" CHECK("role" IN ('admin', 'trader', 'viewer'))
);
--> statement-breakpoint
CREATE INDEX `idx_usr_role` ON `users` (`role`,`is_active`);--> statement-breakpoint
CREATE UNIQUE INDEX `uq_usr_username` ON `users` (`username`);--> statement-breakpoint
CREATE UNIQUE INDEX `uq_usr_email` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `volume_configuration` (
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
CREATE INDEX `idx_vol_connection` ON `volume_configuration` (`connection_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `uq_vol_conn_symbol` ON `volume_configuration` (`connection_id`,`symbol`);