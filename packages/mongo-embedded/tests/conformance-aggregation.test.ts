import { connectForConformance } from './helpers';
import { aggregationSuite } from './suites/aggregation';

// Conformance suite against MONGODB_URI (the harness database: embedded, or a real MongoDB when given).
aggregationSuite(connectForConformance);
