// Module boundaries (see README "Code layout"). Run: npm run lint:deps (part of .ci/run).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make start-up order and ownership unclear.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'modules-through-service',
      severity: 'error',
      comment:
        'A feature reaches another feature only through its service (or its zod schemas, the auth middleware, ' +
        'the email queue), ' +
        'never through its model or internals.',
      from: { path: '^src/modules/([^/]+)/' },
      to: {
        path: '^src/modules/([^/]+)/',
        pathNot: ['^src/modules/$1/', '[.](service|schemas|middleware|queue)[.]ts$'],
      },
    },
    {
      name: 'emulator-not-in-production',
      severity: 'error',
      comment:
        'The embedded MongoDB server is a devDependency: the api and the worker must never reach it. ' +
        'Only the local run (src/main.ts, dynamically) and the tests/benches load it.',
      from: { path: '^src/', pathNot: '^src/main[.]ts$' },
      to: { path: '(^|/)(packages/mongo-embedded|node_modules/@intervai/mongo-embedded)/' },
    },
    {
      name: 'emulator-only-dynamic-in-main',
      severity: 'error',
      comment: 'src/main.ts loads the embedded server only when MONGODB_URI is unset (dynamic import).',
      from: { path: '^src/main[.]ts$' },
      to: {
        path: '(^|/)(packages/mongo-embedded|node_modules/@intervai/mongo-embedded)/',
        dependencyTypesNot: ['dynamic-import'],
      },
    },
    {
      name: 'production-entries-never-reach-emulator',
      severity: 'error',
      from: { path: '^src/(server|worker)[.]ts$' },
      to: { path: '(^|/)(packages/mongo-embedded|node_modules/@intervai/mongo-embedded)/', reachable: true },
    },
    {
      name: 'package-stands-alone',
      severity: 'error',
      comment: 'The embedded server package knows nothing about the service.',
      from: { path: '^packages/mongo-embedded/' },
      to: { path: '^(src|tests|bench)/' },
    },
    {
      name: 'src-not-from-tests',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(tests|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    preserveSymlinks: false,
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^|/)(dist|coverage|node_modules)/' },
  },
};
