import { connection } from 'next/server';
import { Suspense } from 'react';
import { isCtsDbError, sharedHealth, statusTables, type HealthReport, type MigrationStatusReport } from 'cts-db';

export const metadata = { title: 'CTS database status' };

function Badge({ tone, children }: { tone: 'ok' | 'warn' | 'bad'; children: React.ReactNode }) {
  return <span className={`badge ${tone}`}>{children}</span>;
}

const tone = (status: string) =>
  status === 'healthy' || status === 'complete' ? 'ok' : status === 'degraded' || status === 'pending' ? 'warn' : 'bad';

// "2026-11-29 15:44:03 UTC": the same for every reader, whatever the server's time zone.
const utc = (iso: string) => `${new Date(iso).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

export default function StatusPage() {
  return (
    <Suspense fallback={<main><h1>CTS database status</h1><p className="muted">Reading the database...</p></main>}>
      <LiveStatus />
    </Suspense>
  );
}

// Rendered on every request, on the server: `await connection()` makes what follows depend on the request, so
// the page shows the live database, never a build-time snapshot, and `next build` never opens it.
async function LiveStatus() {
  await connection();
  let health: HealthReport;
  let status: MigrationStatusReport;
  try {
    const { checker } = sharedHealth();
    health = await checker.check();
    status = await checker.migrationStatus();
  } catch (error) {
    // The page is public: the error's code only (its message names variables, files and hosts); the server's
    // start-up log (instrumentation.ts) has the full message.
    const message = `the database status could not be read${isCtsDbError(error) ? ` [${error.code}]` : ''}`;
    return (
      <main>
        <h1>CTS database status</h1>
        <p>
          <Badge tone="bad">error</Badge> {message}
        </p>
      </main>
    );
  }
  const categories = statusTables(status);
  const present = categories.reduce((n, c) => n + c.tables.filter((t) => t.present).length, 0);
  const total = categories.reduce((n, c) => n + c.tables.length, 0);

  return (
    <main>
      <h1>CTS database status</h1>
      <dl className="summary">
        <dt>Health</dt>
        <dd>
          <Badge tone={tone(health.status)}>{health.status}</Badge>
          {health.error !== undefined && <span className="muted"> {health.error}</span>}
        </dd>
        <dt>Database</dt>
        <dd>
          {health.database.type === 'postgresql' ? 'PostgreSQL' : 'SQLite'}, {health.database.connected ? 'connected' : 'not connected'}
          {health.database.connected && <span className="muted"> ({health.database.responseTime})</span>}
        </dd>
        <dt>Prefix</dt>
        <dd>
          <code>{health.prefix}</code>
        </dd>
        <dt>Tables</dt>
        <dd>
          {present} of {total} present
        </dd>
        <dt>Critical tables</dt>
        <dd>
          {health.database.criticalTables.existing ?? 'unknown'} of {health.database.criticalTables.total} present
          <span className="muted">
            {' '}
            (marked below, and the migration ledger <code>{`${health.prefix}_schema_migrations`}</code>)
          </span>
          {/* null: not checked (no connection), which is not the same as missing */}
          {(health.database.criticalTables.missing ?? []).length > 0 && (
            <>
              {' '}
              <Badge tone="bad">missing: {(health.database.criticalTables.missing ?? []).join(', ')}</Badge>
            </>
          )}
        </dd>
        <dt>Migrations</dt>
        <dd>
          <Badge tone={tone(status.status)}>{status.status}</Badge> {status.migrations.applied.length} applied,{' '}
          {status.migrations.pending.length} pending
          {status.error !== undefined && <span className="muted"> {status.error}</span>}
        </dd>
      </dl>

      <h2>Migrations</h2>
      <table>
        <thead>
          <tr>
            <th>Tag</th>
            <th>Applied</th>
            <th className="num">Duration</th>
            <th>Checksum</th>
          </tr>
        </thead>
        <tbody>
          {status.migrations.applied.map((m) => (
            <tr key={m.tag}>
              <td>
                <code>{m.tag}</code>
              </td>
              <td>{utc(m.appliedAt)}</td>
              <td className="num">{m.executionMs} ms</td>
              <td>
                <Badge tone={m.checksum === 'ok' ? 'ok' : 'bad'}>{m.checksum}</Badge>
              </td>
            </tr>
          ))}
          {status.migrations.pending.map((tag) => (
            <tr key={tag}>
              <td>
                <code>{tag}</code>
              </td>
              <td colSpan={3}>
                <Badge tone="warn">pending</Badge>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Tables</h2>
      <div className="categories">
        {categories.map((category) => (
          <section key={category.category}>
            <h3>{category.category}</h3>
            <table>
              <thead>
                <tr>
                  <th>Table</th>
                  <th>State</th>
                </tr>
              </thead>
              <tbody>
                {category.tables.map((t) => (
                  <tr key={t.table}>
                    <td>
                      <code>{t.table}</code>
                      {t.critical && <span className="muted"> (critical)</span>}
                    </td>
                    <td>{t.present ? <Badge tone="ok">present</Badge> : <Badge tone="bad">missing</Badge>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
    </main>
  );
}
