export { Generator, toGenerator, type Seed, type GeneratorState } from './generator.js';
