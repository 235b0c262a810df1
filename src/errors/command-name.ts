/**
 * How this process was started, so that usage lines and hints name a command the user can actually run: an
 * app has the package's bin (`cts-db migrate`), not this repository's package.json scripts (`pnpm db:migrate`).
 *
 * `bin` is the default: library code called from an app (a `migrate()` result, a health report) has no
 * command line of its own, and the bin is what the app installed. The repository's scripts switch to
 * `repository` through their command-line layer before they parse anything; the bin keeps `bin`.
 */
export type Invocation = 'bin' | 'repository';

/** Every command of the toolkit, by the name the bin gives it (`pnpm start` is `start`). */
export type ToolkitCommand =
  | 'start' | 'info' | 'migrate' | 'status' | 'validate' | 'baseline' | 'rollback' | 'resolve' | 'health' | 'serve'
  | 'check' | 'setup' | 'reset' | 'backup' | 'restore' | 'seed' | 'rename-prefix'
  | 'generate' | 'migrate:create' | 'repair' | 'studio';

// They need the development tools and the repository's schema/ and drizzle/: the bin does not have them, so
// even a hint shown in an app names the repository's script.
const REPOSITORY_ONLY: ReadonlySet<ToolkitCommand> = new Set(['generate', 'migrate:create', 'repair', 'studio']);

let current: Invocation = 'bin';

/** Set once by an entry point (the bin, or a repository script) before it runs its command. */
export function setInvocation(invocation: Invocation): void {
  current = invocation;
}

export function currentInvocation(): Invocation {
  return current;
}

/**
 * The command as a user types it under `invocation`.
 *
 * @example commandNameFor('bin', 'migrate') // 'cts-db migrate'; under 'repository': 'pnpm db:migrate'
 */
export function commandNameFor(invocation: Invocation, command: ToolkitCommand): string {
  if (invocation === 'repository' || REPOSITORY_ONLY.has(command)) return command === 'start' ? 'pnpm start' : `pnpm db:${command}`;
  return `cts-db ${command}`;
}

/** The command as a user of this process types it; read when a message is built, never at import time. */
export function commandName(command: ToolkitCommand): string {
  return commandNameFor(current, command);
}
