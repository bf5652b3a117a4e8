// The error classes live in src/lib/errors.ts (services and the worker throw them too). This re-export
// keeps older import paths working until every branch has moved to lib.
export * from '../lib/errors';
