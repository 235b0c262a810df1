/** Calls `fn` and returns the error it throws, which must be an instance of `type` (anything else fails the test). */
export function thrownBy<E extends Error>(type: abstract new (...args: never[]) => E, fn: () => unknown): E {
  try {
    fn();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}, nothing was thrown`);
}

/** Awaits `promise` and returns the error it rejects with, which must be an instance of `type`. */
export async function rejectionOf<E extends Error>(type: abstract new (...args: never[]) => E, promise: Promise<unknown>): Promise<E> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}, the promise resolved`);
}

/** A coded error's code and the first line of its message (the hint follows on the next line). */
export const codeAndMessage = (error: { readonly code: string; readonly message: string }) => ({ code: error.code, message: error.message.split('\n')[0] });
