// Exchange: gradlab models out to ONNX and TensorFlow.js (raw features in, predictions out) and back in.
export * from './portable.js';
export * from './fromTrained.js';
export * from './toTrained.js';
export * from './onnxExport.js';
export * from './onnxImport.js';
export * from './tfjsExport.js';
export * from './tfjsImport.js';
export * from './files.js';
