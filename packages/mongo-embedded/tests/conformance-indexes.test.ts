import { connectForConformance } from './helpers';
import { indexSuite } from './suites/indexes';

// Conformance suite against MONGODB_URI (the harness database: embedded, or a real MongoDB when given).
indexSuite(connectForConformance);
