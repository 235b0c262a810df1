import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { DATABASE_SUFFIXES, createObjectNames, type DatabaseKey } from '../naming/object-names.js';
import { NAME_PATTERN } from '../naming/sanitize.js';
import { ConfigError } from './config-error.js';
import { readConfigText } from './read-config-text.js';
import { object, text, type ShapeIssue } from './shape-check.js';

/** Default location of the configuration file, relative to the working directory. */
export const DEFAULT_CONFIG_FILE = join('data', 'db-config.json');

const identifier = text({ pattern: NAME_PATTERN });

/** `data/db-config.json`, exactly the seed's format (000_412b038ea91723e3.txt). */
export interface ConfigFile {
  readonly projectName: string;
  readonly dbPrefix: string;
  readonly databases: Readonly<Record<DatabaseKey, string>>;
  readonly users: { readonly admin: string; readonly app: string };
}

/** The check of a parsed file: every field required, no other field, names lowercase snake_case. */
export const checkConfigFile = object({
  projectName: text(),
  dbPrefix: identifier,
  databases: object(Object.fromEntries(Object.keys(DATABASE_SUFFIXES).map((k) => [k, identifier]))),
  users: object({ admin: identifier, app: identifier }),
});

/** The file content for a project name and prefix with the names derived as the seed shows. */
export function configFileFor(projectName: string, dbPrefix: string, users?: { admin: string; app: string }): ConfigFile {
  const names = createObjectNames(dbPrefix);
  return {
    projectName,
    dbPrefix,
    databases: { ...names.databases },
    users: users ?? { ...names.roles },
  };
}

/**
 * Reads and validates the configuration file. A missing file gives `undefined`; anything else that is
 * wrong (unreadable, not a regular file, over 1 MiB, not JSON, a wrong or unknown field) gives a
 * {@link ConfigError} naming the file and field.
 * Synchronous because configuration is resolved once, before any connection is opened.
 */
export function readConfigFile(path: string): ConfigFile | undefined {
  const text = readConfigText(path);
  return text === undefined ? undefined : parseConfigFile(text, path);
}

export function parseConfigFile(text: string, path: string): ConfigFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(`configuration file ${path} is not valid JSON: ${(cause as Error).message}`, {
      code: 'CONFIG_FILE_INVALID_JSON',
      subject: path,
      hint: 'fix the JSON syntax, or delete the file (the configuration then comes from the environment and defaults)',
      cause,
    });
  }
  const issue: ShapeIssue | undefined = checkConfigFile(json, []);
  if (issue === undefined) return json as ConfigFile;
  const field = issue.path.length === 0 ? '(root)' : issue.path.join('.');
  // Only a primitive value is shown: an object (the parent of an unknown key) could hold a password.
  const raw = issue.unknownKeys !== undefined ? undefined : valueAt(json, issue.path);
  const fieldValue = raw === null || ['string', 'number', 'boolean'].includes(typeof raw) ? raw : undefined;
  throw new ConfigError(
    `configuration file ${path}: field ${field}: ${issue.message}` + (fieldValue === undefined ? '' : ` (got ${JSON.stringify(fieldValue)})`),
    {
      code: 'CONFIG_FILE_INVALID',
      subject: `${path}: ${field}`,
      ...(fieldValue === undefined ? {} : { value: JSON.stringify(fieldValue) }),
      hint: 'the file must have projectName, dbPrefix, databases{main, indicationActive, indicationDirection, indicationMove, strategySimple, strategyAdvanced, strategyStep} and users{admin, app}, all names lowercase snake_case',
    },
  );
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/**
 * Writes the file atomically: a temporary file in the same folder, flushed to disk, then renamed over the
 * target, so a crash leaves either the old or the new file, never half of one. The content is validated first.
 */
export async function writeConfigFile(path: string, content: ConfigFile): Promise<void> {
  const valid = parseConfigFile(JSON.stringify(content), path);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(tmp, 'wx', 0o644);
    try {
      await handle.writeFile(`${JSON.stringify(valid, null, 2)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (cause) {
    // Best effort: when the folder cannot even be made, removing the temporary file fails too (ENOTDIR), and
    // that must not replace the error that says why the write failed.
    await rm(tmp, { force: true }).catch(() => undefined);
    throw new ConfigError(`cannot write configuration file ${path}: ${(cause as Error).message}`, {
      code: 'CONFIG_FILE_WRITE_FAILED',
      subject: path,
      hint: 'check that the folder exists and is writable',
      cause,
    });
  }
}
