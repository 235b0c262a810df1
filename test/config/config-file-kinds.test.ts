import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFileFor, readConfigFile } from "../../src/config/index.js"; const CONFIG_FILE_MAX_BYTES = 1024 * 1024;
import { scriptArgs, REPO_ROOT } from '../support/repo-copy.js';
import { runCommand } from '../support/run-command.js';
import { createTempDir } from '../support/temp-dir.js';

/**
 * DB_CONFIG_FILE naming something that is not a regular file, or a file over 1 MiB, is refused with a coded
 * error, quickly: a FIFO used to block the command until a writer came (for ever), /dev/zero to be read
 * without end. Each case runs db:info as a process and must exit on its own (killed after 30 s would give
 * exit code null), however loaded the machine.
 */
const HINT = 'point DB_CONFIG_FILE at a regular JSON file (at most 1 MiB), or unset it to use data/db-config.json';

describe('the configuration file must be a regular file of at most 1 MiB', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let socketServer: Server;
  const at = (name: string) => join(dir.path, name);
  beforeAll(async () => {
    dir = await createTempDir('cts-config-kinds');
    execFileSync('mkfifo', [at('fifo.json')]);
    mkdirSync(at('folder.json'));
    writeFileSync(at('big.json'), `${JSON.stringify(configFileFor('Big', 'big'))}${' '.repeat(CONFIG_FILE_MAX_BYTES)}`);
    writeFileSync(at('limit.json'), JSON.stringify(configFileFor('Limit', 'limit')).padEnd(CONFIG_FILE_MAX_BYTES, ' '));
    writeFileSync(at('real.json'), JSON.stringify(configFileFor('Linked', 'linked')));
    symlinkSync(at('real.json'), at('link.json'));
    socketServer = createServer();
    await new Promise<void>((resolve) => socketServer.listen(at('socket.json'), resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => socketServer.close(resolve));
    await dir.cleanup();
  });

  const dbInfo = (configFile: string, args: readonly string[] = []) =>
    runCommand(process.execPath, scriptArgs(join(REPO_ROOT, 'scripts', 'db-info.ts'), args), {
      cwd: dir.path,
      env: { DB_CONFIG_FILE: configFile, DATABASE_URL: '', DB_PREFIX: '', PROJECT_NAME: '', SQLITE_DB_PATH: at('cts.db') },
      timeoutMs: 30_000,
    });

  const refused: readonly (readonly [string, () => string, string, string])[] = [
    ['a FIFO', () => at('fifo.json'), 'CONFIG_FILE_NOT_REGULAR', 'is a FIFO (named pipe), not a regular file'],
    ['/dev/zero', () => '/dev/zero', 'CONFIG_FILE_NOT_REGULAR', 'is a character device, not a regular file'],
    ['a directory', () => at('folder.json'), 'CONFIG_FILE_NOT_REGULAR', 'is a directory, not a regular file'],
    ['a Unix socket', () => at('socket.json'), 'CONFIG_FILE_NOT_REGULAR', 'is a socket, not a regular file'],
    ['a file over 1 MiB', () => at('big.json'), 'CONFIG_FILE_TOO_LARGE', `is larger than ${CONFIG_FILE_MAX_BYTES} bytes (1 MiB), the most that is read`],
  ];
  for (const [what, path, code, says] of refused) {
    it(`${what}: ${code} naming the file, and the command exits on its own`, async () => {
      const run = await dbInfo(path());
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toBe(`error [${code}] configuration file ${path()} ${says}\n  hint: ${HINT}\n`);
      expect(run.stdout).toBe('');
    });
  }

  it('under --json the same error is the one document', async () => {
    const run = await dbInfo(at('fifo.json'), ['--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: false,
      error: { code: 'CONFIG_FILE_NOT_REGULAR', message: `configuration file ${at('fifo.json')} is a FIFO (named pipe), not a regular file`, hint: HINT },
    });
  });

  it('a file of exactly 1 MiB and a symbolic link to a regular file are read', () => {
    expect(readConfigFile(at('limit.json'))?.dbPrefix).toBe('limit');
    expect(readConfigFile(at('link.json'))?.dbPrefix).toBe('linked');
  });
});
