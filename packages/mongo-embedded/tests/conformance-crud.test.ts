import { connectForConformance } from './helpers';
import { crudSuite } from './suites/crud';

// Conformance suite against MONGODB_URI (the harness database: embedded, or a real MongoDB when given).
crudSuite(connectForConformance);
