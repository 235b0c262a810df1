import { REDACTED } from '../errors/redact.js';

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/**
 * Holds a password or a URL with a password. Printing, logging, `JSON.stringify` and string
 * interpolation all show `***`; only `reveal()` gives the value, so a leak needs an explicit call.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspectSymbol](): string {
    return `Secret(${REDACTED})`;
  }
}
