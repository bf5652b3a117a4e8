/**
 * `npm run test:external-db [-- <jest args>]`: runs the suite the way CI does against a real MongoDB —
 * through MONGODB_URI, with a query string — but with the embedded server started as a separate
 * process (`npm run db:embedded -- --port <free> --dbpath <tmp>`), so the harness's external-database
 * path is exercised on a machine without mongod. The server is stopped and its data removed at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts the server in its own process group (npm → sh → tsx → node) and waits for its ready line. */
function startServer(port: number, dbPath: string): Promise<ChildProcess> {
  const child = spawn(
    npm,
    ['run', '--silent', 'db:embedded', '--', '--port', String(port), '--dbpath', dbPath],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('the embedded server did not start within 60 s')), 60_000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      stopServer(child);
      reject(new Error(`${err.message}\n${output}`));
    };
    const exited = (code: number | null) =>
      fail(new Error(`the embedded server exited early (code ${code})`));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Waiting for connections')) {
        clearTimeout(timer);
        child.off('exit', exited);
        resolve(child);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('exit', exited);
  });
}

/** SIGTERM to the whole group; the server flushes and exits. Resolves when the npm process is gone. */
function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => signal('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    const signal = (name: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, name);
      } catch {
        /* already gone */
      }
    };
    signal('SIGTERM');
  });
}

function runJest(uri: string, args: string[]): Promise<number> {
  const jest = spawn(process.execPath, [require.resolve('jest/bin/jest'), ...args], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, MONGODB_URI: uri },
  });
  return new Promise((resolve) => jest.once('exit', (code, sig) => resolve(code ?? (sig ? 1 : 0))));
}

async function main(): Promise<number> {
  const dbPath = fs.mkdtempSync(path.join(os.tmpdir(), 'intervai-external-db-'));
  const port = await freePort();
  const server = await startServer(port, dbPath);
  // A query string on purpose: per-file databases must be derived without losing it.
  const uri = `mongodb://127.0.0.1:${port}/?directConnection=true`;
  console.log(`[test:external-db] embedded server as a separate process at ${uri}`);
  try {
    return await runJest(uri, process.argv.slice(2));
  } finally {
    await stopServer(server);
    fs.rmSync(dbPath, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`[test:external-db] ${err.message}`);
    process.exit(1);
  },
);
