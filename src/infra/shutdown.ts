import { logger } from './logger';

/**
 * Ordered shutdown: steps run in the order of their `phase` (lower first), each bounded by a deadline,
 * so one stuck dependency cannot keep the process alive. Used by the api, the worker and the local runner.
 */
export type ShutdownPhase =
  | 10 // stop accepting work: HTTP server, sockets
  | 20 // queues: let active jobs finish, then close
  | 30 // redis
  | 40 // mongo
  | 50 // embedded child services
  | 90; // logs

interface Step {
  name: string;
  phase: ShutdownPhase;
  run: () => Promise<void> | void;
  /** Overrides the shutdown deadline for this step (a worker draining its jobs needs longer). */
  timeoutMs?: number;
}

const steps: Step[] = [];
let running: Promise<void> | null = null;

export function onShutdown(
  name: string,
  phase: ShutdownPhase,
  run: Step['run'],
  opts: { timeoutMs?: number } = {},
): void {
  steps.push({ name, phase, run, timeoutMs: opts.timeoutMs });
}

function withTimeout(promise: Promise<void>, ms: number, name: string): Promise<void> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      logger.warn(`shutdown step "${name}" timed out after ${ms} ms`);
      resolve();
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function shutdown(reason: string, timeoutMs = 8000): Promise<void> {
  if (running) return running;
  running = (async () => {
    logger.info(`shutting down (${reason})`);
    const ordered = [...steps].sort((a, b) => a.phase - b.phase);
    for (const step of ordered) {
      try {
        await withTimeout(Promise.resolve().then(step.run), step.timeoutMs ?? timeoutMs, step.name);
      } catch (err) {
        logger.error(`shutdown step "${step.name}" failed`, { error: err });
      }
    }
    steps.length = 0;
  })();
  return running;
}

/**
 * Wires SIGINT/SIGTERM (and fatal errors) to an ordered shutdown followed by `exit`, which the entry
 * point passes in (only entry points end the process).
 */
export function installSignalHandlers(timeoutMs: number, exit: (code: number) => void): void {
  const stop = (signal: string, code: number) => {
    // A second signal while shutting down forces the exit.
    if (running) return exit(code || 130);
    void shutdown(signal, timeoutMs).then(() => exit(code));
  };
  process.once('SIGINT', () => stop('SIGINT', 0));
  process.once('SIGTERM', () => stop('SIGTERM', 0));
  process.on('uncaughtException', (err) => {
    logger.error('uncaught exception', { error: err });
    stop('uncaughtException', 1);
  });
  process.on('unhandledRejection', (reason) => {
    logger.error('unhandled rejection', { error: reason });
  });
}

/** Test hook: forget registered steps without running them. */
export function resetShutdownRegistry(): void {
  steps.length = 0;
  running = null;
}
