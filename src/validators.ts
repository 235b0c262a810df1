/**
 * `cts-db/validators`: the zod insert validators of every table, generated from schema/, to check external input
 * (a request body, a form) before it reaches the database. Their own entry because building them is work: an
 * app that imports `cts-db` and never validates does not pay for it.
 *
 * @example
 * import { usersInsert } from 'cts-db/validators';
 * const row = usersInsert.parse(await request.json());
 */
export * from '../generated/validators.js';
