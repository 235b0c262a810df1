import { describe, expect, it } from 'vitest';
import { scratchTable } from '../../src/migrate/sqlite/scratch-tables.js';

/** sqld refuses temporary tables; the remote migration driver makes them scratch tables (remote-libsql.test.ts runs it). */
describe('scratchTable', () => {
  it.each([
    ['CREATE TEMP TABLE IF NOT EXISTS p_tmp_values (a text)', 'CREATE TABLE IF NOT EXISTS p_tmp_values (a text)', 'p_tmp_values'],
    ['-- made by a generator\ncreate temporary table "p_tmp x" (a)', '-- made by a generator\ncreate table "p_tmp x" (a)', 'p_tmp x'],
    ['CREATE TEMP TABLE temp.p_t (a)', 'CREATE TABLE p_t (a)', 'p_t'],
    ['CREATE  TEMP\tTABLE `p_t` (note text DEFAULT \'TEMP TABLE\')', 'CREATE  TABLE `p_t` (note text DEFAULT \'TEMP TABLE\')', 'p_t'],
  ])('%j becomes %j, dropped as %s', (statement, sql, table) => {
    expect(scratchTable(statement)).toEqual({ sql, table });
  });

  it.each([
    'CREATE TABLE p_t (a)',
    'CREATE TEMP VIEW p_v AS SELECT 1',
    'CREATE TEMP TRIGGER p_tr AFTER INSERT ON p_t BEGIN SELECT 1; END',
    "INSERT INTO p_t (a) VALUES ('CREATE TEMP TABLE x (a)')",
    '/* CREATE TEMP TABLE x (a) */ SELECT 1',
  ])('%j is left alone', (statement) => {
    expect(scratchTable(statement)).toBeUndefined();
  });
});
