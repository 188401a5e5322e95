export { layerStatistics, type LayerStatistics } from './statistics.js';
export { diagnose, initializerFor, type Diagnosis, type Finding } from './diagnose.js';
