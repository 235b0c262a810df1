/**
 * startsWith / endsWith / contains, case-sensitive and with mode: 'insensitive', on both engines: generated
 * symbols and patterns full of LIKE and GLOB wildcards, escape characters and non-ASCII letters, against a model
 * in plain JavaScript (String.prototype.startsWith and friends, A-Z folded for insensitive), exactly and in the
 * same order; then the two engines against each other. And the refusals.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CtsDatabase } from '../../src/index.js';
import { closeEngine, openEngine, refusalOf, type Engine } from './failure-support.js';
import { postgresMode } from '../support/test-postgres.js';

const C1 = '00000000-0000-4000-8000-00000000f001';
const idOf = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

type Op = 'startsWith' | 'endsWith' | 'contains';
type Mode = undefined | 'default' | 'insensitive';


// The characters that could break a translation to LIKE or GLOB, letters whose case only ASCII folding must not
// touch (É/é, Σ/σ/ς, ß, the Kelvin sign), an astral character, and plain letters in both cases.
const CHARS = ['a', 'A', 'b', 'B', 'z', 'Z', '%', '_', '\\', '*', '?', '[', ']', '^', '-', "'", ' ', 'É', 'é', 'Σ', 'σ', 'ς', 'ß', '\u212A', 'k', 'K', '😀'];
const textArb = (max: number) => fc.array(fc.constantFrom(...CHARS), { maxLength: max }).map((cs) => cs.join(''));

const foldAscii = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** The model: which symbols match, by the JavaScript string methods (code units = code points for well-formed text). */
function matches(symbol: string, op: Op, pattern: string, mode: Mode): boolean {
  const [s, p] = mode === 'insensitive' ? [foldAscii(symbol), foldAscii(pattern)] : [symbol, pattern];
  return op === 'startsWith' ? s.startsWith(p) : op === 'endsWith' ? s.endsWith(p) : s.includes(p);
}

describe(`text operators on SQLite and PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})`, () => {
  const engines: Engine[] = [];
  beforeAll(async () => {
    for (const dialect of ['sqlite', 'postgresql'] as const) {
      const engine = await openEngine(dialect);
      const db = engine.db;
      await db.exchangeConnections.insert({ id: C1, name: 'one', exchange: 'bybit' });
      engines.push(engine);
    }
  }, 120_000);
  afterAll(async () => {
    for (const e of engines) await closeEngine(e);
  });

  const reset = async (db: CtsDatabase, symbols: readonly string[]) => {
    await db.volumeConfiguration.delete({ all: true });
    if (symbols.length > 0) await db.volumeConfiguration.insertMany(symbols.map((symbol, i) => ({ id: idOf(i + 1), connectionId: C1, symbol })));
  };

  const filterOf = (op: Op, pattern: string, mode: Mode) => ({ [op]: pattern, ...(mode === undefined ? {} : { mode }) });

  it("gives the model's rows for generated symbols and patterns, in order, the same on both engines", async () => {
    const caseArb = fc.uniqueArray(textArb(6), { maxLength: 12 }).chain((symbols) =>
      fc.record({
        symbols: fc.constant(symbols),
        // Half the patterns cut from a symbol (so they match something), half free.
        pattern: symbols.length === 0 ? textArb(3) : fc.oneof(textArb(3), fc.tuple(fc.constantFrom(...symbols), fc.nat(6), fc.nat(6)).map(([s, a, b]) => [...s].slice(Math.min(a, b), Math.max(a, b)).join(''))),
        op: fc.constantFrom<Op>('startsWith', 'endsWith', 'contains'),
        mode: fc.constantFrom<Mode>(undefined, 'default', 'insensitive'),
        method: fc.constantFrom('findMany', 'findFirst', 'count', 'NOT'),
      }),
    );
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ symbols, pattern, op, mode, method }) => {
        const expectedIds = symbols.flatMap((s, i) => (matches(s, op, pattern, mode) !== (method === 'NOT') ? [idOf(i + 1)] : []));
        const expected = method === 'count' ? expectedIds.length : method === 'findFirst' ? (expectedIds[0] ?? null) : expectedIds;
        const answers: unknown[] = [];
        for (const e of engines) {
          await reset(e.db, symbols);
          const symbol = filterOf(op, pattern, mode);
          const vc = e.db.volumeConfiguration;
          const answer =
            method === 'count'
              ? await vc.count({ where: { symbol } })
              : method === 'findFirst'
                ? ((await vc.findFirst({ where: { symbol }, orderBy: { id: 'asc' } }))?.id ?? null)
                : (await vc.findMany({ where: method === 'NOT' ? { NOT: { symbol } } : { symbol }, orderBy: { id: 'asc' } })).map((r) => r.id);
          expect(answer, `${e.dialect} ${method} ${op} ${JSON.stringify(pattern)} ${String(mode)} over ${JSON.stringify(symbols)}`).toStrictEqual(expected);
          answers.push(answer);
        }
        expect(answers[1]).toStrictEqual(answers[0]);
      }),
      { numRuns: 150, seed: 20_261_207 },
    );
  }, 300_000);

  it('folds A-Z and nothing else under insensitive, and escapes every wildcard, the same on both engines', async () => {
    const symbols = ['BTCUSDT', 'btc_usd', 'BTCXUSD', 'Éclair', 'éclair', '100%', '100x', 'a*b', 'a\\b', '[x]', 'Σσ'];
    const cases: [Op, string, Mode, string[]][] = [
      ['startsWith', 'btc', 'insensitive', ['BTCUSDT', 'btc_usd', 'BTCXUSD']],
      ['startsWith', 'btc', undefined, ['btc_usd']],
      ['contains', '_', undefined, ['btc_usd']],
      ['endsWith', '%', undefined, ['100%']],
      ['startsWith', 'éclair', 'insensitive', ['éclair']],
      ['startsWith', 'ÉCLAIR', 'insensitive', ['Éclair']],
      ['contains', '*', undefined, ['a*b']],
      ['contains', '\\', 'insensitive', ['a\\b']],
      ['startsWith', '[', undefined, ['[x]']],
      ['contains', 'σ', 'insensitive', ['Σσ']],
      ['endsWith', '', undefined, symbols],
    ];
    for (const e of engines) {
      await reset(e.db, symbols);
      for (const [op, pattern, mode, expected] of cases) {
        const rows = await e.db.volumeConfiguration.findMany({ where: { symbol: filterOf(op, pattern, mode) }, orderBy: { id: 'asc' } });
        expect(rows.map((r) => r.symbol), `${e.dialect} ${op} ${pattern} ${String(mode)}`).toStrictEqual(expected);
      }
      // A write takes the same filter: only the matching rows change.
      expect(await e.db.volumeConfiguration.update({ where: { symbol: { startsWith: 'BTC' } }, set: { leverage: 5 } }), e.dialect).toBe(2);
      expect(await e.db.volumeConfiguration.delete({ where: { symbol: { contains: '%' } } }), e.dialect).toBe(1);
      expect((await e.db.volumeConfiguration.findMany({ where: { leverage: 5 }, orderBy: { id: 'asc' } })).map((r) => r.symbol), e.dialect).toStrictEqual(['BTCUSDT', 'BTCXUSD']);
    }
  });

  it('refuses a text operator on another kind of column, a mode with nothing to apply to, and values that are not text', async () => {
    const refusal = async (fn: () => Promise<unknown>) => {
      const error = await refusalOf(fn);
      return { code: error.code, path: error.path, message: error.message, hint: error.hint };
    };
    const answers: unknown[] = [];
    for (const e of engines) {
      const vc = e.db.volumeConfiguration;
      const where = (w: unknown) => ({ where: w }) as never;
      const got = {
        decimal: await refusal(() => vc.findMany(where({ baseVolume: { startsWith: '1' } }))),
        uuid: await refusal(() => vc.findMany(where({ connectionId: { contains: '0' } }))),
        modeAlone: await refusal(() => vc.findMany(where({ symbol: { eq: 'A', mode: 'insensitive' } }))),
        modeOnDecimal: await refusal(() => vc.findMany(where({ baseVolume: { mode: 'insensitive' } }))),
        badMode: await refusal(() => vc.findMany(where({ symbol: { startsWith: 'A', mode: 'INSENSITIVE' } }))),
        nullPattern: await refusal(() => vc.findMany(where({ symbol: { startsWith: null } }))),
        numberPattern: await refusal(() => vc.findMany(where({ symbol: { contains: 5 } }))),
        undefinedPattern: await refusal(() => vc.findMany(where({ symbol: { endsWith: undefined } }))),
        nul: await refusal(() => vc.findMany(where({ symbol: { contains: 'a\0' } }))),
      };
      expect(got.decimal).toStrictEqual({ code: 'QUERY_UNKNOWN_OPERATOR', path: 'volume_configuration.where.baseVolume.startsWith', message: 'volume_configuration.where.baseVolume.startsWith: unknown operator "startsWith"\n  hint: startsWith applies to text columns; baseVolume is a decimal column', hint: 'startsWith applies to text columns; baseVolume is a decimal column' });
      expect(got.uuid.hint, e.dialect).toBe('contains applies to text columns; connectionId is a uuid column');
      expect(got.modeAlone, e.dialect).toStrictEqual({
        code: 'QUERY_INVALID_FILTER',
        path: 'volume_configuration.where.symbol.mode',
        message: "volume_configuration.where.symbol.mode: mode applies to startsWith, endsWith and contains, and there is none beside it\n  hint: add one, e.g. { startsWith: 'btc', mode: 'insensitive' }, or drop mode",
        hint: "add one, e.g. { startsWith: 'btc', mode: 'insensitive' }, or drop mode",
      });
      expect(got.modeOnDecimal.code, e.dialect).toBe('QUERY_UNKNOWN_OPERATOR');
      expect(got.badMode, e.dialect).toStrictEqual({ code: 'QUERY_INVALID_VALUE', path: 'volume_configuration.where.symbol.mode', message: `volume_configuration.where.symbol.mode: expected 'default' or 'insensitive', got "INSENSITIVE"\n  hint: mode: 'insensitive' folds A-Z; 'default' (or no mode) is case-sensitive`, hint: "mode: 'insensitive' folds A-Z; 'default' (or no mode) is case-sensitive" });
      expect([got.nullPattern.code, got.numberPattern.code, got.undefinedPattern.code, got.nul.code], e.dialect).toStrictEqual(['QUERY_INVALID_VALUE', 'QUERY_INVALID_VALUE', 'QUERY_UNDEFINED_VALUE', 'QUERY_INVALID_VALUE']);
      answers.push(got);
    }
    expect(answers[1]).toStrictEqual(answers[0]);
  });
});
