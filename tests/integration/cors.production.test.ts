import { corsCases } from './cors.cases';

corsCases('production');
