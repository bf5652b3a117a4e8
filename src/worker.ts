// Entry point of the worker process (`node dist/worker.js`). Everything loads inside runEntryPoint, so a
// bad setting (ConfigError, thrown while the configuration loads) ends the start with one line.
import { runEntryPoint } from './entry';

runEntryPoint('worker', async () => {
  const { config } = await import('./config');
  const { installSignalHandlers } = await import('./infra/shutdown');
  const { startWorker } = await import('./start-worker');
  installSignalHandlers(config.shutdownTimeoutMs, (code) => process.exit(code));
  await startWorker();
});
