export { type Dataset, type Task, taskOf } from './dataset.js';
export { circles, moons, spirals, xor, blobs, scaledRegression, SYNTHETIC, type SyntheticName, type SyntheticOptions } from './synthetic.js';
