/**
 * How stale a replica is, in time that means something on an idle system.
 *
 * `now() - pg_last_xact_replay_timestamp()` grows while nothing is written, so a caught-up replica of an idle
 * primary looks minutes behind. Instead, the primary's WAL position is sampled at every check, and a replica's
 * lag is the time since the primary was last seen at a position the replica has replayed: 0 when it has
 * replayed everything the primary had at the last sample, and otherwise an upper bound with the check
 * interval's resolution (what it lacks was written after that moment).
 */
export interface LagClock {
  /** Records the primary's position `lsn` (PostgreSQL's `X/Y` text) seen at `at` (ms). */
  sample(lsn: string, at: number): void;
  /**
   * Lag of a replica that has replayed up to `replayLsn`, at `now`. When it is behind every sample kept (a
   * first check), `replayTimestamp` (ms, the last replayed transaction's commit time) bounds it; null when
   * that is unknown too (a standby that has replayed no transaction since it started).
   */
  lagMs(replayLsn: string, now: number, replayTimestamp: number | null): number | null;
}

/** An LSN as a number: `16/B374D848` is 0x16_B374D848. */
export function parseLsn(lsn: string): bigint {
  const slash = lsn.indexOf('/');
  if (slash < 1 || !/^[0-9A-Fa-f]{1,8}\/[0-9A-Fa-f]{1,8}$/.test(lsn)) throw new Error(`not a WAL position: ${JSON.stringify(lsn)}`);
  return (BigInt(`0x${lsn.slice(0, slash)}`) << 32n) | BigInt(`0x${lsn.slice(slash + 1)}`);
}

interface Sample {
  readonly lsn: bigint;
  /** The first and the last time the primary was seen at this position. */
  readonly firstSeenAt: number;
  seenAt: number;
}

/** Samples kept: enough for `keepMs` of history, at most `max` positions. */
export function createLagClock(keepMs: number, max = 4_096): LagClock {
  const samples: Sample[] = [];
  return {
    sample(lsn, at) {
      const value = parseLsn(lsn);
      const last = samples.at(-1);
      if (last !== undefined && value <= last.lsn) last.seenAt = at;
      else samples.push({ lsn: value, firstSeenAt: at, seenAt: at });
      // Older samples only matter for a replica further behind than anything we still let it be.
      while (samples.length > 1 && (samples.length > max || at - samples[1]!.seenAt > keepMs)) samples.shift();
    },
    lagMs(replayLsn, now, replayTimestamp) {
      const replayed = parseLsn(replayLsn);
      // The newest sample the replica has reached: everything up to its time is on the replica.
      for (let i = samples.length - 1; i >= 0; i--) {
        const s = samples[i]!;
        if (s.lsn <= replayed) return i === samples.length - 1 ? 0 : Math.max(0, now - s.seenAt);
      }
      // Behind the oldest sample kept: at least that old, and as old as its last replayed transaction.
      if (replayTimestamp === null) return null;
      return Math.max(0, now - (samples[0]?.firstSeenAt ?? now), now - replayTimestamp);
    },
  };
}

/** What the rotation and the health check ask each replica (one statement). */
export const REPLICA_PROBE_SQL = `select pg_is_in_recovery() as standby, pg_last_wal_replay_lsn()::text as replay,
  extract(epoch from pg_last_xact_replay_timestamp()) * 1000 as replayed_at`;

export interface ReplicaProbeRow {
  readonly standby: boolean;
  readonly replay: string | null;
  readonly replayed_at: string | number | null;
}

export interface ReplicaVerdict {
  /** In recovery, with a replay position: a standby that may be read. */
  readonly standby: boolean;
  readonly lagMs: number | null;
  readonly lagBytes: number | null;
  /** Why it must not be read, if it must not: promoted, or behind by more than `maxLagMs` (or an unknown time). */
  readonly code: 'REPLICA_PROMOTED' | 'REPLICA_LAGGING' | undefined;
}

/** The one rule of the rotation and of health: a replica's probe row against the primary's position. */
export function judgeReplica(row: ReplicaProbeRow | undefined, primaryLsn: string | null, clock: LagClock, maxLagMs: number, now: number): ReplicaVerdict {
  const replay = row?.standby === true ? row.replay : null;
  if (replay === null) return { standby: false, lagMs: null, lagBytes: null, code: 'REPLICA_PROMOTED' };
  const replayed = parseLsn(replay);
  const ahead = primaryLsn === null ? null : parseLsn(primaryLsn);
  const lagBytes = ahead === null ? null : Number(ahead > replayed ? ahead - replayed : 0n);
  const lagMs = clock.lagMs(replay, now, row?.replayed_at == null ? null : Number(row.replayed_at));
  return { standby: true, lagMs, lagBytes, code: lagMs === null || lagMs > maxLagMs ? 'REPLICA_LAGGING' : undefined };
}
