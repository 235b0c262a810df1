import { spawn, spawnSync } from 'node:child_process';
import { scriptArgs } from './repo-copy.js';

/** Single-quotes one argument for `sh -c` (the command line `script` runs). */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * Why a terminal cannot be given here, or null when it can: util-linux `script` puts a command on a
 * pseudo-terminal (BSD/macOS `script` takes other arguments, so it does not count).
 */
export function terminalUnavailable(): string | null {
  const probe = spawnSync('script', ['--version'], { encoding: 'utf8' });
  if (probe.error !== undefined) return `no \`script\` command (util-linux) to run a command on a pseudo-terminal: ${probe.error.message}`;
  if (!probe.stdout.includes('util-linux')) return 'the `script` command here is not util-linux\'s';
  return null;
}

export interface TerminalResult {
  readonly code: number | null;
  /** Everything the terminal showed (stdout and stderr of the command, and the echoed answer). */
  readonly screen: string;
}

/**
 * Runs one of the project's scripts on a pseudo-terminal (so `process.stdin.isTTY` is true, as for a person)
 * and types `answer` followed by Enter once `prompt` appears on the screen.
 */
export function runOnTerminal(cwd: string, script: string, args: readonly string[], env: NodeJS.ProcessEnv, prompt: string, answer: string): Promise<TerminalResult> {
  const command = [process.execPath, ...scriptArgs(script, args)].map(shellQuote).join(' ');
  return new Promise((resolve, reject) => {
    // -q: no start/end banner; -e: exit with the command's code; -f: flush at once, so the prompt is seen.
    const child = spawn('script', ['-qefc', command, '/dev/null'], { cwd, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    let typed = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no prompt ${JSON.stringify(prompt)} within 60 s; the screen so far:\n${screen}`));
    }, 60_000);
    const onData = (data: Buffer) => {
      screen += data.toString();
      if (!typed && screen.includes(prompt)) {
        typed = true;
        child.stdin.write(`${answer}\r`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, screen });
    });
  });
}
