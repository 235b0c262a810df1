import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { commandName, isCtsDbError, setInvocation, type Invocation, type ToolkitCommand } from '../src/errors/index.js';
import { errorLine, jsonError } from './json-error.js';

/**
 * The one command-line layer of every script: parses flags strictly, prints `--help`, turns a usage mistake
 * into `error [CLI_...]` with exit 2 (never a stack), a toolkit error into `error [CODE] message` with exit 1,
 * and shows a stack only for a real defect, and only with --verbose or DEBUG. Nothing here touches a database.
 */
export interface FlagSpec {
  readonly type: 'boolean' | 'string';
  readonly description: string;
  /** The value's placeholder in the usage text, e.g. `<ms>`. */
  readonly value?: string;
  /** Shown as the default; string flags with `default` get it as their value when absent. */
  readonly default?: string;
  /** What the default means when it is not a literal value, e.g. "the embedded migrations". */
  readonly defaultText?: string;
  readonly multiple?: boolean;
  readonly choices?: readonly string[];
  /** A whole number of at least this. */
  readonly integerMin?: number;
  readonly integerMax?: number;
  /** A string flag the command cannot run without. */
  readonly required?: boolean;
}

/** The arguments after the command (`--plan`), or with shell text before the command (a variable, a pipe). */
export type Example = string | { readonly before: string; readonly args: string };

export interface CommandSpec {
  /** Its name under the bin; users see `cts-db migrate` or, in this repository, `pnpm db:migrate` (commandName). */
  readonly command: ToolkitCommand;
  readonly summary: string;
  readonly flags: Readonly<Record<string, FlagSpec>>;
  readonly positionals?: readonly { readonly name: string; readonly description: string; readonly required: boolean }[];
  /** Environment variables the command reads. */
  readonly env: readonly string[];
  readonly examples: readonly Example[];
}

type FlagValue<F extends FlagSpec> = F['type'] extends 'boolean'
  ? boolean
  : F['multiple'] extends true
    ? string[]
    : F['default'] extends string
      ? string
      : F['required'] extends true
        ? string
        : string | undefined;
export type FlagValues<S extends CommandSpec> = { -readonly [K in keyof S['flags']]: FlagValue<S['flags'][K]> };

export interface ParsedCommand<S extends CommandSpec> {
  readonly values: FlagValues<S>;
  readonly positionals: readonly string[];
  /** True when --json was given (commands that have it). */
  readonly json: boolean;
}

/** A mistake on the command line: exit 2 with the code, the message and the usage hint. */
export class UsageError extends Error {
  constructor(
    readonly code: 'CLI_UNKNOWN_FLAG' | 'CLI_INVALID_VALUE' | 'CLI_MISSING_VALUE' | 'CLI_UNEXPECTED_ARGUMENT',
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

const COMMON: Readonly<Record<string, FlagSpec>> = {
  help: { type: 'boolean', description: 'show this help and exit (touches no database)' },
  verbose: { type: 'boolean', description: 'print the stack of an unexpected error (also DEBUG=1)' },
};

/** The examples as the user of this process types them. */
export function exampleLines(spec: CommandSpec): string[] {
  const name = commandName(spec.command);
  return spec.examples.map((e) => {
    const { before, args } = typeof e === 'string' ? { before: '', args: e } : e;
    return `${before}${name}${args === '' ? '' : ` ${args}`}`;
  });
}

export function usageText(spec: CommandSpec): string {
  const name = commandName(spec.command);
  const flags = Object.entries({ ...spec.flags, ...COMMON }).map(([name, f]) => {
    const head = `${name === 'help' ? '-h, ' : ''}--${name}${f.type === 'string' ? ` ${f.value ?? (f.choices === undefined ? '<value>' : `<${f.choices.join('|')}>`)}` : ''}`;
    const def = f.defaultText ?? f.default ?? (f.type === 'boolean' ? 'off' : undefined);
    return [head, `${f.description}${def === undefined ? '' : ` (default: ${def})`}${f.multiple === true ? '; may be repeated' : ''}`] as const;
  });
  const width = Math.max(...flags.map(([h]) => h.length)) + 2;
  const positional = (spec.positionals ?? []).map((p) => (p.required ? ` <${p.name}>` : ` [${p.name}]`)).join('');
  return [
    `usage: ${name}${positional} [flags]`,
    '',
    spec.summary,
    ...(spec.positionals === undefined || spec.positionals.length === 0 ? [] : ['', 'arguments:', ...spec.positionals.map((p) => `  ${`<${p.name}>`.padEnd(width)}${p.description}`)]),
    '',
    'flags:',
    ...flags.map(([h, d]) => `  ${h.padEnd(width)}${d}`),
    '',
    'environment:',
    `  ${spec.env.length === 0 ? 'none' : spec.env.join(', ')}`,
    '',
    spec.examples.length === 1 ? 'example:' : 'examples:',
    ...exampleLines(spec).map((e) => `  ${e}`),
    '',
  ].join('\n');
}

const flagList = (spec: CommandSpec) => [...Object.keys(spec.flags), 'help'].map((f) => `--${f}`).join(', ');

/** Parses `argv` against the spec; throws UsageError for anything the spec does not allow. */
export function parseCommand<S extends CommandSpec>(spec: S, argv: readonly string[]): ParsedCommand<S> | 'help' {
  const command = commandName(spec.command);
  const example = exampleLines(spec)[0] ?? command;
  const options: Record<string, { type: 'boolean' | 'string'; multiple?: boolean; short?: string }> = {};
  for (const [name, f] of Object.entries({ ...spec.flags, ...COMMON })) options[name] = { type: f.type, ...(f.multiple === true ? { multiple: true } : {}), ...(name === 'help' ? { short: 'h' } : {}) };
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: (spec.positionals ?? []).length > 0 }) as typeof parsed;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const text = (error as Error).message;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const flag = /'([^']+)'/.exec(text)?.[1] ?? text;
      throw new UsageError('CLI_UNKNOWN_FLAG', `${command} has no flag ${flag}`, `valid flags: ${flagList(spec)}; see ${command} --help`);
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      const arg = /'([^']+)'/.exec(text)?.[1] ?? text;
      throw new UsageError('CLI_UNEXPECTED_ARGUMENT', `${command} takes no argument ${JSON.stringify(arg)}`, `flags start with --; see ${command} --help`);
    }
    const flag = /--([a-z-]+)/.exec(text)?.[1];
    throw new UsageError('CLI_MISSING_VALUE', flag === undefined ? text : `--${flag} needs a value`, flag === undefined ? `see ${command} --help` : `e.g. --${flag} ${spec.flags[flag]?.value ?? '<value>'}; see ${command} --help`);
  }
  if (parsed.values.help === true) return 'help';
  const values: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(spec.flags)) {
    const given = parsed.values[name];
    if (f.type === 'boolean') {
      values[name] = given === true;
      continue;
    }
    const list = given === undefined ? [] : Array.isArray(given) ? (given as string[]) : [given as string];
    for (const v of list) {
      if (v.startsWith('-') && f.integerMin === undefined) throw new UsageError('CLI_MISSING_VALUE', `--${name} needs a value, got the flag ${v}`, `e.g. --${name} ${f.value ?? '<value>'}`);
      if (v === '') throw new UsageError('CLI_MISSING_VALUE', `--${name} needs a value`, `e.g. --${name} ${f.value ?? '<value>'}`);
      if (f.choices !== undefined && !f.choices.includes(v)) throw new UsageError('CLI_INVALID_VALUE', `--${name} must be one of ${f.choices.join(', ')}, got ${JSON.stringify(v)}`, `e.g. --${name} ${f.choices[0]}`);
      const max = f.integerMax ?? Number.MAX_SAFE_INTEGER;
      if (f.integerMin !== undefined && (!/^[0-9]+$/.test(v) || Number(v) < f.integerMin || Number(v) > max)) {
        const range = f.integerMax === undefined ? `of at least ${f.integerMin}` : `from ${f.integerMin} to ${f.integerMax}`;
        throw new UsageError('CLI_INVALID_VALUE', `--${name} must be a whole number ${range}, got ${JSON.stringify(v)}`, `e.g. --${name} ${f.default ?? f.defaultText?.replace(/\D+/g, ' ').trim().split(' ').at(-1) ?? Math.max(1, f.integerMin)}`);
      }
    }
    if (f.required === true && list.length === 0) throw new UsageError('CLI_MISSING_VALUE', `${command} needs --${name} ${f.value ?? '<value>'}: ${f.description}`, `e.g. ${example}`);
    values[name] = f.multiple === true ? list : (list.at(-1) ?? f.default);
  }
  const required = (spec.positionals ?? []).filter((p) => p.required);
  if (parsed.positionals.length < required.length) {
    const missing = required[parsed.positionals.length]!;
    throw new UsageError('CLI_MISSING_VALUE', `${command} needs <${missing.name}>: ${missing.description}`, `e.g. ${example}`);
  }
  if (parsed.positionals.length > (spec.positionals ?? []).length) {
    throw new UsageError('CLI_UNEXPECTED_ARGUMENT', `${command} takes ${(spec.positionals ?? []).length} argument(s), got ${JSON.stringify(parsed.positionals)}`, `see ${command} --help`);
  }
  return { values: values as FlagValues<S>, positionals: parsed.positionals, json: values.json === true };
}

/** Resolves with the signal's name when SIGTERM or SIGINT arrives (the servers: db:serve, db:studio). */
export function untilStopped(): Promise<'SIGTERM' | 'SIGINT'> {
  return new Promise((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
}

/** The parent pid of `pid` from /proc (Linux); undefined where there is no /proc or the process is gone. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/**
 * Stops this command when the command the user started is gone. package.json runs each script as
 * `exec node ...`, so `pnpm db:migrate` is pnpm -> node (pnpm forwards SIGINT and SIGTERM to us); a SIGKILL
 * to pnpm (or a terminal closed on it) would leave us running, still migrating. So we watch our parent and,
 * for wrappers that keep a shell in between, our parent's parent: when either changes (we were reparented),
 * we send ourselves SIGTERM (db:serve closes its server; other commands end, and the server rolls back an
 * open transaction when the connection drops).
 */
function watchAncestors(): void {
  const parent = process.ppid;
  const grandparent = parentOf(parent);
  const timer = setInterval(() => {
    if (process.ppid === parent && (grandparent === undefined || parentOf(parent) === grandparent)) return;
    clearInterval(timer);
    process.kill(process.pid, 'SIGTERM');
  }, 250);
  timer.unref();
}

// The repository's scripts run as themselves (`pnpm db:migrate`) unless the package's bin loaded them.
let invokedAs: Invocation = 'repository';

/** Called by the package's bin before it loads a command, so usage and hints name `cts-db <command>`. */
export function invokedThroughBin(): void {
  invokedAs = 'bin';
}

function verbose(argv: readonly string[]): boolean {
  return argv.includes('--verbose') || (process.env.DEBUG !== undefined && process.env.DEBUG !== '' && process.env.DEBUG !== '0');
}

/**
 * Runs a command: parse, `--help`, then `main`, whose result is the exit code. Output that goes to a closed
 * pipe (`| head`) ends the command quietly.
 */
export async function runCommand<S extends CommandSpec>(spec: S, main: (parsed: ParsedCommand<S>) => Promise<number>, argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  setInvocation(invokedAs);
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  let parsed: ParsedCommand<S> | 'help';
  try {
    parsed = parseCommand(spec, argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`error [${error.code}] ${error.message}\n  hint: ${error.hint}\n`);
    process.exitCode = 2;
    return;
  }
  if (parsed === 'help') {
    process.stdout.write(usageText(spec));
    process.exitCode = 0;
    return;
  }
  watchAncestors();
  try {
    process.exitCode = await main(parsed);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`error [${error.code}] ${error.message}\n  hint: ${error.hint}\n`);
      process.exitCode = 2;
    } else if (isCtsDbError(error)) {
      // The message ends with its hint already (CtsDbError appends it).
      process.stderr.write(errorLine(error));
      // Under --json stdout is still one document: { ok: false, error }.
      if (parsed.json) process.stdout.write(`${JSON.stringify({ ok: false, error: jsonError(error) }, null, 2)}\n`);
      if (verbose(argv)) process.stderr.write(`${error.stack ?? ''}\n${error.cause instanceof Error && error.cause.stack !== undefined ? `  cause: ${error.cause.stack}\n` : ''}`);
      process.exitCode = 1;
    } else {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`error [UNEXPECTED] ${message}\n  hint: this is a defect in the toolkit; run again with --verbose for the stack and report it\n`);
      if (verbose(argv) && error instanceof Error && error.stack !== undefined) process.stderr.write(`${error.stack}\n`);
      process.exitCode = 1;
    }
  }
}
