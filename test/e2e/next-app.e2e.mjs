#!/usr/bin/env node
// End-to-end test of examples/next-app, the Next.js 16 consumer of the packed package:
//
//   pack      `pnpm pack` (prepack builds dist/) into .pack/, renamed to .pack/cts-db.tgz
//   install   the example installs the tarball the way an outside app would (no workspace, no source paths)
//   build     `next build` (type-checked, no ignoreBuildErrors) with the example's minimal next.config.ts; it
//             opens no SQLite file and makes no connection to a PostgreSQL listener
//   sqlite    the standalone server (output: 'standalone', static files copied in) on a fresh SQLite file: instrumentation.ts creates and migrates it, then the
//             health and admin endpoints and the server-rendered /status page are checked over HTTP
//   postgres  the same on a scratch PostgreSQL database (and role with a password), dropped afterwards
//   chromium  headless Chromium (Debian package) loads /status: rendered DOM, console, screenshot
//   away      the standalone server with its PostgreSQL server (a cluster of its own) not running: health 503 with the
//             code; after `pg_ctl start` health 200 and /positions renders without a restart; DB_INIT_MODE=exit
//             makes it exit 1
//
// Run: node test/e2e/next-app.e2e.mjs   (from the repository root; needs PostgreSQL at TEST_DATABASE_URL,
// default postgres://postgres@127.0.0.1:5432/postgres, and /usr/bin/chromium or CHROMIUM_BIN).
// Artifacts (screenshots, server and build logs, DOM dumps): test-artifacts/next-app/.
// Ends with `e2e: N passed, N failed`; exit 1 on any failure. Only loopback addresses are used.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createClient } from '@libsql/client';
import postgres from 'postgres';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The committed migration tags of a dialect, in order (SQLite has more: the decimal-key conversion). */
const committedTags = (dialect) => JSON.parse(readFileSync(join(ROOT, 'drizzle', dialect === 'sqlite' ? 'sqlite' : 'pg', 'meta', '_journal.json'), 'utf8')).entries.map((e) => e.tag);
const APP = join(ROOT, 'examples/next-app');
const PACK_DIR = join(ROOT, '.pack');
const ARTIFACTS = join(ROOT, 'test-artifacts/next-app');
const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const ADMIN_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const HOST = '127.0.0.1';
const ADMIN_TOKEN = `e2e-token-${randomBytes(12).toString('hex')}`;
// Where the standalone server.js is, once the build has been measured.
const STANDALONE = { dir: '' };
const OVERALL_TIMEOUT_MS = 15 * 60_000;

const started = Date.now();
const phases = [];
let passed = 0;
let failed = 0;
const children = new Set();
const tempDirs = [];
const cleanups = [];

// ---------------------------------------------------------------------------------------------------------------
// Bookkeeping

const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;

class AssertionError extends Error {}
function assert(condition, message) {
  if (!condition) throw new AssertionError(message);
}
function assertEqual(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  assert(a === e, `${what}: expected ${e}, got ${a}`);
}

/** One group of assertions: counted once, passed or failed; a failure stops the run unless `optional`. */
async function group(name, fn) {
  const t0 = Date.now();
  try {
    const result = await fn();
    passed++;
    console.log(`  ok   ${name} (${secs(Date.now() - t0)})`);
    return result;
  } catch (error) {
    failed++;
    console.log(`  FAIL ${name} (${secs(Date.now() - t0)})`);
    console.log(`       ${String(error instanceof AssertionError ? error.message : (error?.stack ?? error)).split('\n').join('\n       ')}`);
    throw new Stop();
  }
}
class Stop extends Error {}

async function phase(name, fn) {
  console.log(`\n== ${name}`);
  const t0 = Date.now();
  try {
    return await fn();
  } finally {
    const ms = Date.now() - t0;
    phases.push([name, ms]);
    console.log(`== ${name}: ${secs(ms)}`);
  }
}

function tempDir(label) {
  const dir = mkdtempSync(join(tmpdir(), `cts-e2e-${label}-`));
  tempDirs.push(dir);
  return dir;
}

// ---------------------------------------------------------------------------------------------------------------
// Processes: every child gets its own process group, killed on exit, failure or signal.

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Runs a command to completion with a timeout; resolves { code, out } (stdout and stderr interleaved). */
function run(cmd, args, { cwd = ROOT, env = process.env, timeoutMs, logFile } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      out += d;
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
      stderr += d;
    });
    const timer = setTimeout(() => {
      killGroup(child, 'SIGKILL');
      reject(new AssertionError(`${cmd} ${args.join(' ')} timed out after ${secs(timeoutMs)}\n${out.slice(-3000)}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      children.delete(child);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      if (logFile) writeFileSync(logFile, out);
      resolvePromise({ code: code ?? signal, out, stdout, stderr });
    });
  });
}

async function stopServer(server) {
  if (server.exited) return;
  killGroup(server.child, 'SIGTERM');
  const deadline = Date.now() + 10_000;
  while (!server.exited && Date.now() < deadline) await sleep(100);
  if (!server.exited) killGroup(server.child, 'SIGKILL');
  while (!server.exited && Date.now() < deadline + 5_000) await sleep(100);
}

function killAll() {
  for (const child of children) killGroup(child, 'SIGKILL');
}
process.on('exit', killAll);
/** Stops servers, drops the scratch database and role, removes temporary folders; bounded, runs once. */
async function runCleanups() {
  const pending = cleanups.splice(0).reverse();
  const all = (async () => {
    for (const cleanup of pending) {
      try {
        await cleanup();
      } catch {
        // best effort; the original failure is what counts
      }
    }
  })();
  await Promise.race([all, sleep(30_000)]);
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

async function abort(reason, code) {
  console.log(`\n${reason}`);
  killAll();
  await runCleanups();
  console.log(`e2e: ${passed} passed, ${failed + 1} failed`);
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => abort(`interrupted (${signal})`, 130));
const watchdog = setTimeout(() => abort(`overall timeout of ${secs(OVERALL_TIMEOUT_MS)} reached`, 1), OVERALL_TIMEOUT_MS);
watchdog.unref();

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what, fn, timeoutMs, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await sleep(intervalMs);
  }
  throw new AssertionError(`timed out after ${secs(timeoutMs)} waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

function freePort() {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}

/** The environment of the app: this process's, without any database setting of the developer's shell. */
function appEnv(extra) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(DATABASE_|REMOTE_POSTGRES_URL$|SQLITE_|DB_|PROJECT_NAME$|ADMIN_TOKEN$|VERCEL|PORT$|HOST$|NEXT_)/.test(key)) delete env[key];
  }
  return { ...env, NEXT_TELEMETRY_DISABLED: '1', ...extra };
}

async function fetchWithTimeout(url, init = {}, timeoutMs = 15_000) {
  return fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
}

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

// ---------------------------------------------------------------------------------------------------------------
// Phases

async function pack() {
  mkdirSync(PACK_DIR, { recursive: true });
  for (const f of readdirSync(PACK_DIR)) if (f.endsWith('.tgz')) rmSync(join(PACK_DIR, f));
  await group('pnpm pack builds the package and writes one tarball', async () => {
    const { code, out } = await run('pnpm', ['pack', '--pack-destination', PACK_DIR], { timeoutMs: 300_000, logFile: join(ARTIFACTS, 'pack.log') });
    assert(code === 0, `pnpm pack exited ${code}\n${out.slice(-4000)}`);
    const tarballs = readdirSync(PACK_DIR).filter((f) => f.endsWith('.tgz'));
    assertEqual(tarballs, ['cts-db-0.1.0.tgz'], 'tarballs in .pack/');
    renameSync(join(PACK_DIR, tarballs[0]), join(PACK_DIR, 'cts-db.tgz'));
  });
}

async function install() {
  await group('the example installs the tarball (no workspace, no source paths)', async () => {
    const { code, out } = await run(
      'pnpm',
      ['install', '--ignore-workspace', '--no-lockfile', '--no-frozen-lockfile', '--prefer-offline', '--config.confirm-modules-purge=false'],
      { cwd: APP, timeoutMs: 300_000, logFile: join(ARTIFACTS, 'install.log') },
    );
    assert(code === 0, `pnpm install exited ${code}\n${out.slice(-4000)}`);
    const pkg = JSON.parse(readFileSync(join(APP, 'package.json'), 'utf8'));
    assertEqual(pkg.dependencies['cts-db'], 'file:../../.pack/cts-db.tgz', 'the example depends on the packed tarball');
    const installed = realpathSync(join(APP, 'node_modules/cts-db'));
    assert(installed.startsWith(join(APP, 'node_modules/.pnpm') + '/'), `cts-db is installed inside the app, not linked to the sources: ${installed}`);
    assert(!existsSync(join(installed, 'src')) && !existsSync(join(installed, 'tsconfig.json')), 'no TypeScript sources in the installed package');
    // The installed copy is the tarball just packed, not a stale one from an earlier install.
    const unpacked = tempDir('tarball');
    const tar = await run('tar', ['-xzf', join(PACK_DIR, 'cts-db.tgz'), '-C', unpacked], { timeoutMs: 60_000 });
    assert(tar.code === 0, `tar exited ${tar.code}: ${tar.out}`);
    for (const file of ['package.json', 'dist/bundle/index.js', 'dist/bundle/handlers.js', 'dist/generated/manifest.js']) {
      assertEqual(sha256(join(installed, file)), sha256(join(unpacked, 'package', file)), `installed ${file} equals the packed one`);
    }
  });
}

async function build() {
  const buildDb = join(tempDir('build'), 'must-not-exist.db');
  // A "database server" that counts the connections made to it during the build: there must be none.
  let connections = 0;
  const listener = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  const listenerPort = await new Promise((resolvePromise) => listener.listen(0, HOST, () => resolvePromise(listener.address().port)));
  cleanups.push(() => new Promise((r) => listener.close(() => r())));
  const out = await group('next build passes (type-checked, /status, /positions and the API routes dynamic); it opens no database', async () => {
    rmSync(join(APP, '.next'), { recursive: true, force: true });
    rmSync(join(APP, 'data'), { recursive: true, force: true });
    const { code, out } = await run(process.execPath, [join(APP, 'node_modules/next/dist/bin/next'), 'build'], {
      cwd: APP,
      // Database settings that the build must not touch: route modules and the pages are loaded, never run.
      env: appEnv({ DATABASE_URL: `postgres://build@${HOST}:${listenerPort}/never`, SQLITE_DB_PATH: buildDb, DB_CONFIG_FILE: join(dirname(buildDb), 'none.json') }),
      timeoutMs: 600_000,
      logFile: join(ARTIFACTS, 'build.log'),
    });
    assert(code === 0, `next build exited ${code}\n${out.slice(-6000)}`);
    assert(/Finished TypeScript/.test(out), 'next build ran the TypeScript check');
    // Under CI=true Next also says that no build cache was found (the test builds from scratch): not a problem.
    const warnings = out.split('\n').filter((l) => /⚠|\bwarn(ing)?\b/i.test(l) && !/No build cache found/.test(l));
    assertEqual(warnings, [], 'warnings in the build output');
    assert(!existsSync(buildDb), 'next build did not open the database');
    assert(!existsSync(join(APP, 'data')), 'next build left no data/ folder (no default SQLite file) in the app');
    assertEqual(connections, 0, 'connections to the database server during next build');
    for (const route of ['/api/health/database', '/api/admin/migrations/status']) {
      assert(new RegExp(`ƒ ${route.replace(/\//g, '\\/')}\\s*$`, 'm').test(out), `${route} is dynamic (server-rendered on demand) in the build output`);
    }
    // cacheComponents: the pages' frames are prerendered, what reads the database streams in per request.
    for (const route of ['/status', '/positions']) {
      assert(new RegExp(`◐ ${route.replace(/\//g, '\\/')}\\s*$`, 'm').test(out), `${route} is a partial prerender in the build output`);
    }
    const shells = { status: 'Reading the database...', positions: 'Loading positions...' };
    for (const [page, fallback] of Object.entries(shells)) {
      const html = readFileSync(join(APP, `.next/server/app/${page}.html`), 'utf8');
      assert(html.includes(fallback), `the prerendered /${page} frame shows its fallback`);
      assert(!html.includes('<table') && !html.includes('_schema_migrations'), `the prerendered /${page} frame holds no data`);
    }
    return out;
  });
  await group("next.config is create-next-app's (cacheComponents) plus standalone output; native drivers external by Next.js defaults", async () => {
    const source = readFileSync(join(APP, 'next.config.ts'), 'utf8');
    assert(!/ignoreBuildErrors/.test(source), 'next.config.ts has no ignoreBuildErrors');
    const { config } = JSON.parse(readFileSync(join(APP, '.next/required-server-files.json'), 'utf8'));
    assertEqual([config.cacheComponents, config.partialPrefetching, config.output], [true, true, 'standalone'], 'resolved config: cacheComponents, partialPrefetching, output');
    assert(config.typescript?.ignoreBuildErrors === false, 'resolved config: typescript.ignoreBuildErrors is false');
    // libpg-query (the runner's PostgreSQL parser, WASM) must load its .wasm beside its own script: external.
    assertEqual(config.serverExternalPackages ?? [], ['libpg-query'], 'resolved config: serverExternalPackages of the app');
    // Next's own list keeps the native SQLite driver out of the bundle; the build links it as an external.
    const builtin = readFileSync(join(APP, 'node_modules/next/dist/lib/server-external-packages.jsonc'), 'utf8');
    for (const name of ['@libsql/client', 'libsql']) assert(builtin.includes(`"${name}"`), `Next.js's built-in serverExternalPackages lists ${name}`);
    const externals = readdirSync(join(APP, '.next/node_modules'));
    assert(externals.some((n) => n.startsWith('libsql')), `libsql is an external of the server build (.next/node_modules: ${externals.join(', ')})`);
    const nativeInBundle = [];
    const walk = (dir) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (e.name.endsWith('.node')) nativeInBundle.push(join(dir, e.name));
      }
    };
    walk(join(APP, '.next/server'));
    assertEqual(nativeInBundle, [], 'no native .node binary copied into the server bundle');
  });
  await group('the standalone output: measured, with the static files copied in as a deployment does', async () => {
    const { relativeAppDir } = JSON.parse(readFileSync(join(APP, '.next/required-server-files.json'), 'utf8'));
    const root = join(APP, '.next/standalone');
    STANDALONE.dir = join(root, relativeAppDir);
    assert(existsSync(join(STANDALONE.dir, 'server.js')), `server.js in ${STANDALONE.dir}`);
    cpSync(join(APP, '.next/static'), join(STANDALONE.dir, '.next/static'), { recursive: true });
    let total = 0;
    const natives = [];
    const walk = (dir) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, e.name);
        if (e.isDirectory()) walk(path);
        else if (e.isFile()) {
          const size = statSync(path).size;
          total += size;
          if (e.name.endsWith('.node')) natives.push([path.slice(root.length + 1), size]);
        }
      }
    };
    walk(root);
    const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    console.log(`       standalone: ${mb(total)}; native builds: ${natives.map(([p, n]) => `${p.replace(/.*node_modules\//, '')} ${mb(n)}`).join(', ')}`);
    // What the README says can be left out: libsql's build for the other libc (both are installed and traced).
    const libsql = natives.filter(([p]) => /@libsql\/linux-x64-(gnu|musl)\//.test(p)).map(([p]) => p.match(/linux-x64-(gnu|musl)/)[1]).sort();
    assertEqual(libsql, ['gnu', 'musl'], "libsql's native builds in the standalone output");
    // The package is bundled into the server chunks: the bin is not there, the release step runs it from the app's node_modules.
    assert(!existsSync(join(STANDALONE.dir, 'node_modules/cts-db/dist/scripts/cli.js')), 'the standalone output has no cts-db bin');
    assert(total < 100 * 1024 * 1024, `the standalone output stays under 100 MB (${mb(total)})`);
  });
  return out;
}

/** Starts the standalone server (`node .next/standalone/.../server.js`); resolves once it prints Ready (no HTTP request is made to find out). */
async function startServer(label, env) {
  const port = await freePort();
  const logFile = join(ARTIFACTS, `server-${label}.log`);
  const child = spawn(process.execPath, [join(STANDALONE.dir, 'server.js')], {
    cwd: STANDALONE.dir,
    env: appEnv({ NODE_ENV: 'production', PORT: String(port), HOSTNAME: HOST, ...env }),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const server = { child, port, base: `http://${HOST}:${port}`, log: '', exited: false, readyAt: 0 };
  const append = (d) => {
    server.log += d;
    writeFileSync(logFile, server.log);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  child.on('exit', () => {
    server.exited = true;
    children.delete(child);
  });
  cleanups.push(() => stopServer(server));
  await waitFor('the standalone server to print Ready', () => {
    if (server.exited) throw new AssertionError(`the standalone server exited\n${server.log}`);
    return /Ready in/.test(server.log);
  }, 60_000);
  server.readyAt = Date.now();
  return server;
}

function expectedHealth(dialect, prefix) {
  return {
    status: 'healthy',
    database: { type: dialect, connected: true, responseTime: '<n>ms', tableCount: 31, criticalTables: { total: 5, existing: 5, missing: [] } },
    prefix,
    migrations: { latest: committedTags(dialect).at(-1), pending: 0 },
  };
}

/** The HTTP checks, the same on both engines. */
async function checkServer(server, { dialect, prefix, tableNames, secrets, dbEnv }) {
  const noSecrets = (text, where) => {
    for (const s of secrets) assert(!text.includes(s), `${where} does not contain a secret (${s.slice(0, 4)}...)`);
  };

  await group(`[${dialect}] GET /api/health/database: 200 with the seed's JSON`, async () => {
    const res = await fetchWithTimeout(`${server.base}/api/health/database`);
    const text = await res.text();
    assert(res.status === 200, `status ${res.status}: ${text}`);
    assert(/application\/json/.test(res.headers.get('content-type') ?? ''), 'JSON content type');
    assertEqual(res.headers.get('cache-control'), 'no-store', 'cache-control');
    const body = JSON.parse(text);
    assert(/^\d+ms$/.test(body.database?.responseTime), `responseTime like "5ms": ${body.database?.responseTime}`);
    assertEqual({ ...body, database: { ...body.database, responseTime: '<n>ms' } }, expectedHealth(dialect, prefix), 'health JSON');
    noSecrets(text, 'the health JSON');
  });

  await group(`[${dialect}] GET /api/admin/migrations/status: 401 without or with a wrong token, 200 with ADMIN_TOKEN`, async () => {
    const none = await fetchWithTimeout(`${server.base}/api/admin/migrations/status`);
    assertEqual(none.status, 401, 'status without a token');
    noSecrets(await none.text(), 'the 401 body');
    const wrong = await fetchWithTimeout(`${server.base}/api/admin/migrations/status`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}x` } });
    assertEqual(wrong.status, 401, 'status with a wrong token');
    await wrong.text();
    const ok = await fetchWithTimeout(`${server.base}/api/admin/migrations/status`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const text = await ok.text();
    assert(ok.status === 200, `status with the token ${ok.status}: ${text}`);
    const body = JSON.parse(text);
    assertEqual(
      [body.success, body.status, body.prefix, body.database, body.migrations.total, body.migrations.pending],
      [true, 'complete', prefix, { type: dialect, connected: true }, committedTags(dialect).length, []],
      'success, status, prefix, database, migrations total and pending',
    );
    assertEqual(body.migrations.applied.map((m) => [m.tag, m.checksum]), committedTags(dialect).map((tag) => [tag, 'ok']), 'applied migrations');
    const applied = body.migrations.applied[0];
    assert(!Number.isNaN(Date.parse(applied.appliedAt)) && Date.parse(applied.appliedAt) <= Date.now(), `appliedAt is a past ISO time: ${applied.appliedAt}`);
    assert(Number.isInteger(applied.executionMs) && applied.executionMs >= 0, `executionMs: ${applied.executionMs}`);
    assertEqual([body.tables.total, body.tables.expected, body.tables.existing], [31, 31, 31], 'tables total, expected, existing');
    noSecrets(text, 'the admin status JSON');
    return applied;
  });

  await group(`[${dialect}] GET /positions: rows written through the installed package, each with its connection (a relation)`, async () => {
    const { openCtsDatabase, resolveConfig } = await import(pathToFileURL(realpathSync(join(APP, 'node_modules/cts-db/dist/src/index.js'))).href);
    const db = await openCtsDatabase(resolveConfig({ env: dbEnv, configFile: false }));
    const suffix = randomBytes(4).toString('hex');
    server.positions = { symbol: `BTC${suffix}USDT`, connection: `desk-${suffix}` };
    try {
      const connection = await db.exchangeConnections.insert({ name: `desk-${suffix}`, exchange: 'bybit', volumeFactor: '1' });
      await db.pseudoPositions.insert({ connectionId: connection.id, symbol: `BTC${suffix}USDT`, side: 'long', entryPrice: '97000.5', quantity: '0.25' });
    } finally {
      await db.close();
    }
    const res = await fetchWithTimeout(`${server.base}/positions`);
    const html = await res.text();
    writeFileSync(join(ARTIFACTS, `positions-${dialect}.server.html`), html);
    assertEqual(res.status, 200, 'status');
    for (const text of ['Open positions', `BTC${suffix}USDT`, `desk-${suffix}`, '97000.5']) assert(html.includes(text), `the HTML contains ${text}`);
    noSecrets(html, 'the /positions HTML');
  });

  return group(`[${dialect}] GET /status: server-rendered tables, migration and prefix, no secret`, async () => {
    const res = await fetchWithTimeout(`${server.base}/status`);
    const html = await res.text();
    writeFileSync(join(ARTIFACTS, `status-${dialect}.server.html`), html);
    assert(res.status === 200, `status ${res.status}`);
    const missingNames = tableNames.filter((name) => !html.includes(`>${prefix}_${name}<`));
    assertEqual(missingNames, [], 'table names missing from the HTML');
    for (const text of [...committedTags(dialect), `>${prefix}<`, `${prefix}_schema_migrations`, dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL', '>healthy<', '>complete<']) {
      assert(html.includes(text), `the HTML contains ${text}`);
    }
    assert(!html.includes('>missing<'), 'no table is shown as missing');
    assertEqual((html.match(/>present</g) ?? []).length, tableNames.length, 'one "present" per table');
    assert(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/.test(html), 'the applied time is shown');
    assert(/>\d+<!-- --> ms</.test(html) || /\d+ ms</.test(html), 'the duration in ms is shown');
    noSecrets(html, 'the /status HTML');
    assert(!/postgres(ql)?:\/\//i.test(html), 'the /status HTML contains no connection URL');
    return html;
  });
}

function checkServerLog(server, dialect, secrets) {
  return group(`[${dialect}] the server log has no error and no secret`, async () => {
    assert(!/⨯|\bError\b|unhandled/i.test(server.log), `errors in the server log:\n${server.log}`);
    for (const s of secrets) assert(!server.log.includes(s), 'no secret in the server log');
  });
}

/** Headless Chromium: rendered DOM (after scripts ran), console, screenshot. */
async function chromium(server, { dialect, prefix, tableNames }) {
  const flags = (profile) => [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    '--disable-default-apps',
    '--disable-domain-reliability',
    // Only the app's loopback address resolves; nothing else is reachable even by mistake.
    `--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE ${HOST}`,
    `--user-data-dir=${profile}`,
  ];
  await group(`[${dialect}] Chromium renders /status: every table, the migration, no console error`, async () => {
    assert(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM} (Debian: apt-get install chromium; or set CHROMIUM_BIN)`);
    const { code, out, stdout, stderr } = await run(
      CHROMIUM,
      [...flags(tempDir('chromium')), '--enable-logging=stderr', '--v=0', '--virtual-time-budget=5000', '--dump-dom', `${server.base}/status`],
      { timeoutMs: 90_000 },
    );
    assert(code === 0, `chromium --dump-dom exited ${code}\n${out.slice(-3000)}`);
    assert(stdout.includes('<html') && stdout.includes('</html>'), `no DOM in Chromium's output\n${out.slice(-3000)}`);
    const dom = stdout;
    writeFileSync(join(ARTIFACTS, `status-${dialect}.dom.html`), dom);
    assert(dom.includes('<h1>CTS database status</h1>'), 'the heading is rendered');
    const missingNames = tableNames.filter((name) => !dom.includes(`>${prefix}_${name}<`));
    assertEqual(missingNames, [], 'table names missing from the rendered DOM');
    assertEqual((dom.match(/>present</g) ?? []).length, tableNames.length, 'one "present" per table in the rendered DOM');
    for (const text of [...committedTags(dialect), '>healthy<', '>complete<', `<code>${prefix}</code>`]) assert(dom.includes(text), `the rendered DOM contains ${text}`);
    // Every console message of the page (React hydration errors, uncaught exceptions, failed loads) is logged
    // as a CONSOLE line at one level, whatever its own level: the page must log nothing.
    writeFileSync(join(ARTIFACTS, `chromium-${dialect}.log`), stderr);
    const consoleLines = stderr.split('\n').filter((l) => /:CONSOLE[:(]/.test(l));
    assertEqual(consoleLines, [], 'console messages of the page');
  });
  await group(`[${dialect}] Chromium screenshot of /status saved`, async () => {
    const file = join(ARTIFACTS, `status-${dialect}.png`);
    rmSync(file, { force: true });
    const { code, out } = await run(
      CHROMIUM,
      [...flags(tempDir('chromium')), '--hide-scrollbars', '--window-size=1280,2000', '--virtual-time-budget=5000', `--screenshot=${file}`, `${server.base}/status`],
      { timeoutMs: 90_000 },
    );
    assert(code === 0, `chromium --screenshot exited ${code}\n${out.slice(-3000)}`);
    assert(existsSync(file), `no screenshot at ${file}`);
    const png = readFileSync(file);
    assert(png.subarray(1, 4).toString() === 'PNG', 'the screenshot is a PNG');
    assertEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1280, 2000], 'screenshot width and height');
    assert(png.length > 20_000, `the screenshot is not blank (${png.length} bytes)`);
    console.log(`       ${file}`);
  });
  await group(`[${dialect}] Chromium renders /positions: the streamed list with the position and its connection, no console error`, async () => {
    const { code, out, stdout, stderr } = await run(
      CHROMIUM,
      [...flags(tempDir('chromium')), '--enable-logging=stderr', '--v=0', '--virtual-time-budget=5000', '--dump-dom', `${server.base}/positions`],
      { timeoutMs: 90_000 },
    );
    assert(code === 0, `chromium --dump-dom exited ${code}\n${out.slice(-3000)}`);
    writeFileSync(join(ARTIFACTS, `positions-${dialect}.dom.html`), stdout);
    assert(stdout.includes('<h1>Open positions</h1>'), 'the heading is rendered');
    for (const text of [`<code>${server.positions.symbol}</code>`, `${server.positions.connection} (bybit)`, '97000.5']) assert(stdout.includes(text), `the rendered DOM contains ${text}`);
    assert(!stdout.includes('<p class="muted">Loading positions...</p>'), 'the fallback was replaced by the list');
    const consoleLines = stderr.split('\n').filter((l) => /:CONSOLE[:(]/.test(l));
    assertEqual(consoleLines, [], 'console messages of the page');
  });
}

async function sqliteRun(ctx) {
  const dir = tempDir('sqlite');
  const dbPath = join(dir, 'data/cts.db'); // neither the file nor its folder exists yet
  const prefix = 'cts_v3_1';
  const secrets = [ADMIN_TOKEN];
  let server;
  await phase('sqlite run', async () => {
    server = await group('[sqlite] the standalone server on a fresh SQLite file prints Ready', async () => {
      assert(!existsSync(dbPath), 'the SQLite file does not exist before start');
      return startServer('sqlite', { SQLITE_DB_PATH: dbPath, ADMIN_TOKEN, DB_CONFIG_FILE: join(dir, 'no-such-config.json') });
    });
    await group('[sqlite] instrumentation.ts created and migrated the database before any request', async () => {
      await waitFor('the SQLite file and its ledger', async () => {
        if (!existsSync(dbPath)) return false;
        const client = createClient({ url: pathToFileURL(dbPath).href });
        try {
          const ledger = await client.execute(`select tag, execution_ms from "${prefix}_schema_migrations"`);
          if (ledger.rows.length === 0) return false;
          assertEqual(ledger.rows.map((r) => r.tag), committedTags('sqlite'), 'ledger tags');
          const tables = await client.execute(`select name from sqlite_master where type = 'table' and name like '${prefix}\\_%' escape '\\'`);
          const names = tables.rows.map((r) => r.name);
          const missing = ctx.tableNames.filter((n) => !names.includes(`${prefix}_${n}`));
          assertEqual(missing, [], 'tables missing after start-up');
          return true;
        } finally {
          client.close();
        }
      }, 30_000, 200);
      assertEqual(statSync(dbPath).mode & 0o777, 0o600, 'SQLite file mode');
    });
    await checkServer(server, { dialect: 'sqlite', prefix, tableNames: ctx.tableNames, secrets, dbEnv: { SQLITE_DB_PATH: dbPath, DB_PREFIX: prefix } });
  });
  await phase('chromium (sqlite)', () => chromium(server, { dialect: 'sqlite', prefix, tableNames: ctx.tableNames }));
  await stopServer(server);
  await checkServerLog(server, 'sqlite', secrets);
}

async function postgresRun(ctx) {
  const suffix = randomBytes(5).toString('hex');
  const database = `cts_e2e_${suffix}`;
  const role = `cts_e2e_${suffix}`;
  const password = `pw-${randomBytes(12).toString('hex')}`;
  const prefix = 'e2e_next';
  const url = `postgres://${role}:${password}@${new URL(ADMIN_URL).host}/${database}`;
  const secrets = [ADMIN_TOKEN, password];
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  let server;
  await phase('postgresql run', async () => {
    await group('[postgresql] scratch database and role (with a password) created', async () => {
      assert(['127.0.0.1', 'localhost', '[::1]'].includes(new URL(ADMIN_URL).hostname), `TEST_DATABASE_URL must be a loopback address: ${new URL(ADMIN_URL).hostname}`);
      await admin.unsafe(`create role "${role}" login password '${password}'`);
      cleanups.push(() => admin.unsafe(`drop role if exists "${role}"`));
      await admin.unsafe(`create database "${database}" owner "${role}"`);
      cleanups.push(() => admin.unsafe(`drop database if exists "${database}" with (force)`));
    });
    server = await group('[postgresql] the standalone server on the empty database prints Ready', () =>
      startServer('postgresql', { DATABASE_URL: url, DB_PREFIX: prefix, ADMIN_TOKEN, DB_CONFIG_FILE: join(tempDir('pg'), 'no-such-config.json') }),
    );
    await group('[postgresql] instrumentation.ts migrated the database before any request', async () => {
      const db = postgres(`${ADMIN_URL.replace(/\/[^/]*$/, '')}/${database}`, { max: 1, onnotice: () => {}, connect_timeout: 10 });
      try {
        await waitFor('the ledger', async () => {
          const [{ ledger }] = await db`select to_regclass(${`public.${prefix}_schema_migrations`})::text as ledger`;
          if (ledger === null) return false;
          const rows = await db.unsafe(`select tag, applied_by from "${prefix}_schema_migrations"`);
          if (rows.length === 0) return false;
          assertEqual(rows.map((r) => [r.tag, r.applied_by]), committedTags('postgresql').map((tag) => [tag, role]), 'ledger rows (tag, applied_by)');
          const tables = await db`select tablename from pg_tables where schemaname = 'public'`;
          const names = tables.map((r) => r.tablename);
          const missing = ctx.tableNames.filter((n) => !names.includes(`${prefix}_${n}`));
          assertEqual(missing, [], 'tables missing after start-up');
          assertEqual(names.filter((n) => !n.startsWith(`${prefix}_`)), [], 'unprefixed tables');
          return true;
        }, 30_000, 200);
      } finally {
        await db.end({ timeout: 5 });
      }
    });
    await checkServer(server, { dialect: 'postgresql', prefix, tableNames: ctx.tableNames, secrets, dbEnv: { DATABASE_URL: url, DB_PREFIX: prefix } });
  });
  await phase('chromium (postgresql)', () => chromium(server, { dialect: 'postgresql', prefix, tableNames: ctx.tableNames }));
  await stopServer(server);
  await checkServerLog(server, 'postgresql', secrets);
  await group('[postgresql] scratch database and role dropped', async () => {
    await admin.unsafe(`drop database if exists "${database}" with (force)`);
    await admin.unsafe(`drop role if exists "${role}"`);
    const left = await admin`select 1 from pg_database where datname = ${database} union all select 1 from pg_roles where rolname = ${role}`;
    assertEqual(left.length, 0, 'objects left');
  });
  await admin.end({ timeout: 5 });
}

/** A PostgreSQL server of this test's own (initdb on a free loopback port), created stopped: a database that is away at boot. */
async function stoppedCluster() {
  const root = '/usr/lib/postgresql';
  const version = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))[0] : undefined;
  assert(version !== undefined, 'the PostgreSQL server binaries (initdb, pg_ctl under /usr/lib/postgresql/<version>/bin) are installed');
  const bin = join(root, version, 'bin');
  const dir = tempDir('pg-down');
  const asRoot = process.getuid?.() === 0;
  const tool = (name, args) => (asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, name), ...args], { timeoutMs: 120_000 }) : run(join(bin, name), args, { timeoutMs: 120_000 }));
  if (asRoot) {
    const chown = await run('chown', ['-R', 'postgres:postgres', dir], { timeoutMs: 10_000 });
    assert(chown.code === 0, `chown: ${chown.out}`);
  }
  const port = await freePort();
  const data = join(dir, 'data');
  const init = await tool('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync']);
  assert(init.code === 0, `initdb exited ${init.code}: ${init.out.slice(-2000)}`);
  const options = `-p ${port} -k ${dir} -c listen_addresses=${HOST} -c fsync=off -c shared_buffers=16MB`;
  const cluster = {
    url: `postgres://postgres@${HOST}:${port}/postgres`,
    start: async () => {
      const r = await tool('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
      assert(r.code === 0, `pg_ctl start exited ${r.code}: ${r.out.slice(-2000)}`);
    },
    stop: () => tool('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
  };
  cleanups.push(() => cluster.stop());
  return cluster;
}

async function databaseAwayRun() {
  await phase('postgresql away at boot', async () => {
    const cluster = await group('[away] a PostgreSQL server of its own, initialised and not started', () => stoppedCluster());
    const prefix = 'e2e_away';
    const env = { DATABASE_URL: cluster.url, DB_PREFIX: prefix, DB_CONNECT_TIMEOUT_MS: '2000', ADMIN_TOKEN, DB_CONFIG_FILE: join(tempDir('away'), 'no-such-config.json') };
    const server = await group('[away] the standalone server with its database not running prints Ready all the same', () => startServer('away', env));
    await group('[away] health answers 503 with the health JSON and CONNECTION_REFUSED; the page says the code', async () => {
      const res = await fetchWithTimeout(`${server.base}/api/health/database`);
      const body = JSON.parse(await res.text());
      assertEqual([res.status, body.status, body.errorCode, body.database?.connected], [503, 'unhealthy', 'CONNECTION_REFUSED', false], 'status, health status, errorCode, connected');
      const page = await fetchWithTimeout(`${server.base}/positions`);
      const html = await page.text();
      assertEqual(page.status, 200, '/positions status');
      assert(html.includes('the positions could not be read [CONNECTION_REFUSED]'), 'the page names the code');
    });
    await group('[away] after the server starts: health 200 and the page renders within 10 s, without restarting Next', async () => {
      await cluster.start();
      const up = Date.now();
      await waitFor('health 200', async () => (await fetchWithTimeout(`${server.base}/api/health/database`)).status === 200, 10_000, 200);
      const page = await fetchWithTimeout(`${server.base}/positions`);
      const html = await page.text();
      assertEqual(page.status, 200, '/positions status');
      assert(html.includes('No open positions.'), 'the page lists the (empty) positions');
      assert(Date.now() - up <= 10_000, `within 10 s of the server starting (${secs(Date.now() - up)})`);
      assert(!server.exited, 'the same server process served throughout');
      console.log(`    (healthy ${secs(Date.now() - up)} after the server started)`);
    });
    await stopServer(server);
    await group('[away] DB_INIT_MODE=exit: with the database away, the server exits non-zero', async () => {
      const stopped = await cluster.stop();
      assert(stopped.code === 0, `pg_ctl stop exited ${stopped.code}`);
      const port = await freePort();
      const { code, out } = await run(process.execPath, [join(STANDALONE.dir, 'server.js')], {
        cwd: STANDALONE.dir,
        env: appEnv({ NODE_ENV: 'production', PORT: String(port), HOSTNAME: HOST, ...env, DB_PREFIX: 'e2e_away_exit', DB_INIT_MODE: 'exit' }),
        timeoutMs: 120_000,
        logFile: join(ARTIFACTS, 'server-away-exit.log'),
      });
      assertEqual(code, 1, `exit code of the standalone server (output: ${out.slice(-1500)})`);
      assert(out.includes('database start-up stopped [CONNECTION_REFUSED]') && out.includes('exiting (DB_INIT_MODE=exit)'), 'the log says why it exits');
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  console.log(`e2e: examples/next-app (artifacts: ${ARTIFACTS})`);
  const ctx = {};
  try {
    await phase('pack', pack);
    await phase('install', install);
    await phase('build', build);
    const { schemaManifest } = await import(pathToFileURL(realpathSync(join(APP, 'node_modules/cts-db/dist/src/tables-entry.js'))).href);
    ctx.tableNames = schemaManifest.tables.map((t) => t.name);
    await group('the installed package lists 31 tables', () => assertEqual(ctx.tableNames.length, 31, 'schemaManifest.tables'));
    await sqliteRun(ctx);
    await postgresRun(ctx);
    await databaseAwayRun();
  } catch (error) {
    if (!(error instanceof Stop)) {
      failed++;
      console.log(`  FAIL unexpected error: ${error?.stack ?? error}`);
    }
  } finally {
    await runCleanups();
  }
  console.log('\nphases:');
  for (const [name, ms] of phases) console.log(`  ${name.padEnd(22)} ${secs(ms).padStart(7)}`);
  const chromiumMs = phases.filter(([name]) => name.startsWith('chromium')).reduce((sum, [, ms]) => sum + ms, 0);
  console.log(`  ${'chromium (both)'.padEnd(22)} ${secs(chromiumMs).padStart(7)}`);
  console.log(`  ${'total'.padEnd(22)} ${secs(Date.now() - started).padStart(7)}`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  killAll();
  process.exit(failed === 0 ? 0 : 1);
}

main();
