import { availableParallelism } from 'node:os';
import type { Config } from 'jest';

// One Jest config for unit and integration tests. @swc/jest strips types (fast); `npm run typecheck`
// is the type gate. Global setup starts one database and one redis-server for the whole run; each
// test file then gets its own database name and Redis prefix (tests/support/env.ts).
const config: Config = {
  // Node environment whose console output is printed only for failing tests (TEST_LOGS=all: always).
  testEnvironment: '<rootDir>/tests/support/quiet-environment.ts',
  // The embedded MongoDB package's own tests run in the same `npm test` (its coverage is its own affair:
  // collectCoverageFrom measures the service only).
  roots: ['<rootDir>/tests', '<rootDir>/packages/mongo-embedded/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
  },
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  setupFiles: ['<rootDir>/tests/support/env.ts'],
  testTimeout: 30_000,
  // At least two workers: on a 2-core machine '50%' meant one, i.e. the whole run in band, test files and
  // the global database server taking turns on a single thread.
  maxWorkers: process.env.CI ? 2 : Math.max(2, Math.floor(availableParallelism() / 2)),
  collectCoverageFrom: [
    'src/**/*.ts',
    '!src/**/*.d.ts',
    '!src/main.ts',
    '!src/server.ts',
    '!src/worker.ts',
    '!src/cli/**',
  ],
  coverageReporters: ['text-summary', 'json-summary', 'lcov'],
  coverageThreshold: { global: { lines: 80 } },
};

export default config;
