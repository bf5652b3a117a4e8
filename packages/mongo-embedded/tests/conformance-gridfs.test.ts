import { connectForConformance, connectInProcess } from './helpers';
import { gridfsSuite } from './suites/gridfs';

// GridFS against MONGODB_URI (the harness database: embedded, or a real MongoDB when given), and against
// an embedded server in this process.
describe('gridfs (MONGODB_URI)', () => gridfsSuite(connectForConformance));
describe('gridfs (in-process embedded server)', () => gridfsSuite(connectInProcess));
