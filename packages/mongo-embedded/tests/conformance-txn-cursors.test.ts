import { connectForConformance } from './helpers';
import { txnCursorSuite } from './suites/txn-cursors';

// Conformance suite against MONGODB_URI (the harness database: embedded, or a real MongoDB when given).
txnCursorSuite(connectForConformance);
