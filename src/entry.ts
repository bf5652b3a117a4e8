import { logger } from './infra/logger';

/**
 * Runs an entry point and turns a startup failure into one clear line and exit code 1
 * (a bad setting names itself instead of printing a stack trace).
 */
export function runEntryPoint(name: string, start: () => Promise<void>): void {
  start().catch((err: Error) => {
    const message =
      err.name === 'ConfigError' || err.constructor?.name === 'ConfigError'
        ? err.message
        : (err.stack ?? err.message);
    logger.error(`${name} failed to start: ${message}`);
    console.error(`\n${name} failed to start: ${err.message}\n`);
    process.exit(1);
  });
}
