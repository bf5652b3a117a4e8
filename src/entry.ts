import { ConfigError } from './lib/errors';

/**
 * Runs an entry point and turns a startup failure into one clear line and exit code 1 (a bad setting
 * names itself instead of printing a stack trace). Only entry points end the process.
 */
export function runEntryPoint(name: string, start: () => Promise<void>): void {
  start().catch(async (err: Error) => {
    if (!(err instanceof ConfigError)) {
      // The logger loads the configuration, so it is only used when that configuration is valid.
      const { logger } = await import('./infra/logger');
      logger.error(`${name} failed to start: ${err.stack ?? err.message}`);
    }
    console.error(`\n${name} failed to start: ${err.message}\n`);
    process.exit(1);
  });
}
