/** A column of floats at either width: features are stored as float32 or float64. */
export type FloatArray = Float64Array | Float32Array;
