export { Generator, toGenerator, type Seed } from './generator.js';
