import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, configFileFor, readConfigFile, resolveConfig, writeConfigFile } from '../../src/config/index.js';
import { createTempDir } from '../support/temp-dir.js';

// Verbatim from seed 000_412b038ea91723e3.txt, "Configuration Files".
const SEED_FILE = `{
  "projectName": "CTS v3.1",
  "dbPrefix": "cts_v3_1",
  "databases": {
    "main": "cts_v3_1_main",
    "indicationActive": "cts_v3_1_indication_active",
    "indicationDirection": "cts_v3_1_indication_direction",
    "indicationMove": "cts_v3_1_indication_move",
    "strategySimple": "cts_v3_1_strategy_simple",
    "strategyAdvanced": "cts_v3_1_strategy_advanced",
    "strategyStep": "cts_v3_1_strategy_step"
  },
  "users": {
    "admin": "cts_v3_1_admin",
    "app": "cts_v3_1_app"
  }
}
`;

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ path: dir, cleanup } = await createTempDir('cts-config-file'));
});
afterAll(() => cleanup());

function fileError(content: string): ConfigError {
  const path = join(dir, `bad-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, content);
  try {
    readConfigFile(path);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(path);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('data/db-config.json', () => {
  it("reads the seed's file and derives the same content from the project name", () => {
    const path = join(dir, 'seed.json');
    writeFileSync(path, SEED_FILE);
    const read = readConfigFile(path);
    expect(read).toEqual(JSON.parse(SEED_FILE));
    expect(configFileFor('CTS v3.1', 'cts_v3_1')).toEqual(read);
  });

  it('round-trips byte for byte in the seed format', async () => {
    const path = join(dir, 'data', 'db-config.json');
    await writeConfigFile(path, configFileFor('CTS v3.1', 'cts_v3_1'));
    expect(readFileSync(path, 'utf8')).toBe(SEED_FILE);
    const again = readConfigFile(path);
    expect(again).toBeDefined();
    await writeConfigFile(path, again!);
    expect(readFileSync(path, 'utf8')).toBe(SEED_FILE);
  });

  it('feeds resolveConfig', async () => {
    const cwd = join(dir, 'resolve');
    await writeConfigFile(join(cwd, 'data', 'db-config.json'), configFileFor('Production Bot', 'production_bot'));
    const config = resolveConfig({ cwd, env: {} });
    expect(config.prefix).toBe('production_bot');
    expect(config.projectName).toBe('Production Bot');
    expect(config.configFile.found).toBe(true);
    expect(config.sources.prefix).toBe('file');
  });

  it('writes atomically: no temporary file is left, and a failed write keeps the old file', async () => {
    const folder = join(dir, 'atomic');
    const path = join(folder, 'db-config.json');
    await writeConfigFile(path, configFileFor('First', 'first'));
    await writeConfigFile(path, configFileFor('Second', 'second'));
    expect(readdirSync(folder)).toEqual(['db-config.json']);
    expect(readConfigFile(path)?.dbPrefix).toBe('second');

    // A directory where the file should be makes the rename fail.
    const blocked = join(folder, 'blocked');
    mkdirSync(join(blocked, 'db-config.json'), { recursive: true });
    await expect(writeConfigFile(join(blocked, 'db-config.json'), configFileFor('X', 'x'))).rejects.toMatchObject({
      code: 'CONFIG_FILE_WRITE_FAILED',
    });
    expect(readdirSync(blocked)).toEqual(['db-config.json']);
  });

  it('refuses to write invalid content', async () => {
    const path = join(dir, 'invalid-write.json');
    await expect(writeConfigFile(path, { ...configFileFor('X', 'x'), dbPrefix: 'Not Valid' })).rejects.toMatchObject({
      code: 'CONFIG_FILE_INVALID',
      subject: `${path}: dbPrefix`,
    });
  });

  it('a missing file is not an error', () => {
    expect(readConfigFile(join(dir, 'does-not-exist.json'))).toBeUndefined();
  });

  it('malformed JSON names the file', () => {
    const error = fileError('{ "projectName": "CTS v3.1", ');
    expect(error.code).toBe('CONFIG_FILE_INVALID_JSON');
    expect(error.hint).toMatch(/fix the JSON syntax/);
  });

  it('a wrong field names the file and the field', () => {
    const seed = JSON.parse(SEED_FILE);
    const badPrefix = fileError(JSON.stringify({ ...seed, dbPrefix: 'CTS v3.1' }));
    expect(badPrefix.code).toBe('CONFIG_FILE_INVALID');
    expect(badPrefix.subject).toMatch(/: dbPrefix$/);
    expect(badPrefix.message).toContain('"CTS v3.1"');

    const missing = fileError(JSON.stringify({ ...seed, databases: { ...seed.databases, strategyStep: undefined } }));
    expect(missing.subject).toMatch(/: databases\.strategyStep$/);

    const wrongType = fileError(JSON.stringify({ ...seed, users: { admin: 42, app: 'x' } }));
    expect(wrongType.subject).toMatch(/: users\.admin$/);
    expect(wrongType.value).toBe('42');

    const unknown = fileError(JSON.stringify({ ...seed, password: 'hunter2' }));
    expect(unknown.message).toContain('unknown field(s) "password"');
    const nested = fileError(JSON.stringify({ ...seed, users: { ...seed.users, adminPassword: 'hunter2' } }));
    expect(nested.message).toContain('field users: unknown field(s) "adminPassword"');
    // The value of an unknown field (typically a password someone put there) is never echoed.
    for (const error of [unknown, nested]) expect(JSON.stringify([error.message, error.value, error.subject])).not.toContain('hunter2');
  });
});
