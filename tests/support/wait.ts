/**
 * Waiting helpers for tests: a test waits for a condition or an event, never for a fixed time.
 *
 *   const job = await waitFor(async () => (await status(id)).done && status, { timeout: 15_000 });
 *   const [payload] = await waitForEvent(socket, 'notification', { filter: (n) => n.id === 'n1' });
 */
export interface WaitOptions {
  /** Give up after this many milliseconds (default 10 s, well inside Jest's test timeout). */
  timeout?: number;
  /** Pause between two checks (default 25 ms). */
  interval?: number;
  /** Says what was awaited, for the timeout error. */
  message?: string;
}

type Pending = undefined | null | false;

/**
 * Calls `condition` until it returns something other than undefined, null or false, and returns that.
 * A condition that throws is retried (the last error is reported if time runs out).
 */
export async function waitFor<T>(
  condition: () => T | Pending | Promise<T | Pending>,
  { timeout = 10_000, interval = 25, message = 'condition' }: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value !== undefined && value !== null && value !== false) return value as T;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const why = lastError instanceof Error ? `; last error: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeout} ms waiting for ${message}${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

// Listener arguments are whatever the emitter passes (the same typing Node's EventEmitter uses).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => void;

/** Anything with on/off listeners: Node's EventEmitter, socket.io sockets, ioredis clients. */
export interface Listenable {
  on(event: string, listener: Listener): unknown;
  off(event: string, listener: Listener): unknown;
}

/**
 * Resolves with the arguments of the first `event` (that passes `filter`) emitted from now on.
 * Subscribe before triggering what emits it: `const got = waitForEvent(...); trigger(); await got;`.
 */
export function waitForEvent<A extends unknown[] = unknown[]>(
  emitter: Listenable,
  event: string,
  { filter, timeout = 10_000 }: { filter?: (...args: A) => boolean; timeout?: number } = {},
): Promise<A> {
  return new Promise<A>((resolve, reject) => {
    const listener = (...args: A) => {
      if (filter && !filter(...args)) return;
      clearTimeout(timer);
      emitter.off(event, listener as Listener);
      resolve(args);
    };
    const timer = setTimeout(() => {
      emitter.off(event, listener as Listener);
      reject(new Error(`timed out after ${timeout} ms waiting for event "${event}"`));
    }, timeout);
    emitter.on(event, listener as Listener);
  });
}
