/** The storage every kernel reads and writes: float64 or float32, row-major. */
export type FloatArray = Float64Array | Float32Array;
