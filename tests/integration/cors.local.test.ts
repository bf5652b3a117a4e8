import { corsCases } from './cors.cases';

corsCases('development');
