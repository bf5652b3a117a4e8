// Entry point of the api process (`node dist/server.js`). Everything loads inside runEntryPoint, so a
// bad setting (ConfigError, thrown while the configuration loads) ends the start with one line.
import { runEntryPoint } from './entry';

runEntryPoint('api', async () => {
  const { config } = await import('./config');
  const { installSignalHandlers } = await import('./infra/shutdown');
  const { startApi } = await import('./start-api');
  installSignalHandlers(config.shutdownTimeoutMs, (code) => process.exit(code));
  await startApi();
});
