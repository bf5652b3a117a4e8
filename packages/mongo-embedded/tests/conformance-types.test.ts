import { connectForConformance } from './helpers';
import { typesSuite } from './suites/types';

// Conformance suite against MONGODB_URI (the harness database: embedded, or a real MongoDB when given).
typesSuite(connectForConformance);
