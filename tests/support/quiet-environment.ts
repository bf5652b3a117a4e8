import { Console } from 'node:console';
import { Writable } from 'node:stream';
import NodeEnvironment from 'jest-environment-node';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { SHARED_PASSWORD_CHECKER, buildPasswordChecker } from '../../src/modules/auth/password-strength';

/**
 * Jest's node environment with a console that buffers: everything a test file writes through `console`
 * (the app's winston logger included; its Console transport writes to `console._stdout/_stderr`) is
 * kept per test and printed only when that test fails. Lines written outside tests (beforeAll/afterAll)
 * are printed when a hook fails or any test of the file failed. Passing tests stay quiet.
 *
 * TEST_LOGS=all keeps Jest's own console (everything printed live), for debugging.
 */
interface CircusTest {
  name: string;
  errors: unknown[];
  parent?: CircusBlock;
}
interface CircusBlock {
  name: string;
  parent?: CircusBlock;
}
interface CircusEvent {
  name: string;
  test?: CircusTest;
  hook?: { type: string; parent?: CircusBlock };
}

// One password checker per worker process (this module is loaded once per worker, outside the test
// files' module registries): building zxcvbn's ranked dictionaries costs about a second of CPU, which
// every test file that registers a user otherwise paid again. Same library and dictionaries as the
// app's own (src/modules/auth/password-strength.ts), built on first use.
let passwordChecker: ZxcvbnFactory | undefined;

const MAX_LINES = 5000; // per buffer: a chatty test keeps its last lines

class LogBuffer {
  private lines: string[] = [];
  private dropped = 0;
  push(text: string) {
    this.lines.push(text);
    if (this.lines.length > MAX_LINES) {
      this.lines.shift();
      this.dropped++;
    }
  }
  get empty() {
    return this.lines.length === 0;
  }
  text() {
    const head = this.dropped ? `[${this.dropped} earlier chunks dropped]\n` : '';
    return head + this.lines.join('');
  }
}

function fullName(test: CircusTest): string {
  const names = [test.name];
  for (let block = test.parent; block && block.name !== 'ROOT_DESCRIBE_BLOCK'; block = block.parent)
    names.unshift(block.name);
  return names.join(' › ');
}

export default class QuietEnvironment extends NodeEnvironment {
  private readonly fileLogs = new LogBuffer();
  private current = this.fileLogs;
  private failed = false;
  private readonly testPath: string;

  constructor(...args: ConstructorParameters<typeof NodeEnvironment>) {
    super(...args);
    this.testPath = args[1].testPath;
  }

  override async setup(): Promise<void> {
    await super.setup();
    Object.defineProperty(this.global, SHARED_PASSWORD_CHECKER, {
      get: () => (passwordChecker ??= buildPasswordChecker()),
    });
    if (process.env.TEST_LOGS === 'all') return;
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        this.current.push(chunk.toString('utf8'));
        done();
      },
    });
    // Jest installs its console before setup(); this one replaces it for the test file.
    this.global.console = new Console({ stdout: sink, stderr: sink, colorMode: false });
  }

  handleTestEvent(event: CircusEvent): void {
    if (event.name === 'test_start') {
      this.current = new LogBuffer();
    } else if (event.name === 'test_done' && event.test) {
      if (event.test.errors.length) {
        this.failed = true;
        this.print(`logs of the failed test "${fullName(event.test)}"`, this.current);
      }
      this.current = this.fileLogs;
    } else if (event.name === 'hook_failure') {
      this.failed = true;
      this.print(`logs up to the failed ${event.hook?.type ?? ''} hook`, this.current);
      this.current = this.fileLogs;
    }
  }

  override async teardown(): Promise<void> {
    if (this.failed) this.print('logs written outside tests', this.fileLogs);
    await super.teardown();
  }

  private print(title: string, buffer: LogBuffer) {
    if (buffer.empty) return;
    const rule = '─'.repeat(8);
    process.stderr.write(
      `\n${rule} ${title} (${this.testPath}) ${rule}\n${buffer.text()}${rule} end of logs ${rule}\n`,
    );
  }
}
