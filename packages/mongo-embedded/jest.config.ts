import type { Config } from 'jest';

// The package's own run (`npm test -w @intervai/mongo-embedded`). The service's root `npm test` also
// runs these files (root jest.config.ts lists this tests folder among its roots).
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
  },
  testTimeout: 30_000,
  collectCoverageFrom: ['src/**/*.ts'],
};

export default config;
