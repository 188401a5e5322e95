export { backward, gradients, topologicalOrder } from './backward.js';
export { grad, valueAndGrad, noGrad, type ScalarFunction, type ValueAndGrad } from './grad.js';
export { customOp, type CustomOpDefinition, type OpContext } from './customOp.js';
