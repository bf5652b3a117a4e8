import { connectInProcess } from './helpers';
import { aggregationSuite } from './suites/aggregation';
import { crudSuite } from './suites/crud';
import { indexSuite } from './suites/indexes';
import { txnCursorSuite } from './suites/txn-cursors';
import { typesSuite } from './suites/types';

// The conformance suites against an embedded server inside this process. The conformance-*.test.ts
// files run the same suites against MONGODB_URI (possibly a real MongoDB, or the harness's server in
// another process); this file makes sure the embedded server itself is exercised in-process.
describe('crud (in-process embedded server)', () => crudSuite(connectInProcess));
describe('indexes (in-process embedded server)', () => indexSuite(connectInProcess));
describe('transactions and cursors (in-process embedded server)', () => txnCursorSuite(connectInProcess));
describe('types (in-process embedded server)', () => typesSuite(connectInProcess));
describe('aggregation (in-process embedded server)', () => aggregationSuite(connectInProcess));
