import { ShapeError, formatShape } from '../errors.js';
import { dtypeOf, type DType, type TypedArray } from './dtype.js';
import { allocate } from './pool.js';
import { assertValidShape, sizeOf, type Shape } from './shape.js';

/** Numbers nested in arrays, one level per axis, as `tensor()` takes and `toArray()` returns. */
export type NestedArray = number | NestedArray[];

/**
 * How a tensor was computed: the op's name, its inputs, and the rule that maps the gradient of the
 * output to the gradients of the inputs (null for an input that needs none).
 */
export interface GraphNode {
  readonly op: string;
  readonly inputs: readonly Tensor[];
  readonly backward: (outputGrad: Tensor) => ReadonlyArray<Tensor | null>;
}

/**
 * An n-dimensional array of float64 or float32 numbers, row-major, with an optional record of how it
 * was computed (for reverse-mode differentiation). Tensors are immutable by convention: ops return new
 * tensors; only optimizers write parameter data in place.
 */
export class Tensor {
  readonly data: TypedArray;
  readonly shape: readonly number[];
  readonly dtype: DType;
  /** True for a leaf that asks for gradients, or for a result computed from one. */
  requiresGrad: boolean;
  /** Accumulated gradient of a leaf after `backward()`. */
  grad: Tensor | null = null;
  /** The op that produced this tensor, when recorded. Null for leaves. */
  node: GraphNode | null = null;

  constructor(data: TypedArray, shape: Shape, requiresGrad = false) {
    assertValidShape(shape, 'Tensor');
    if (sizeOf(shape) !== data.length) {
      throw new ShapeError(`Tensor: data of length ${data.length} does not fit shape ${formatShape(shape)}`);
    }
    this.data = data;
    this.shape = Object.freeze([...shape]);
    this.dtype = dtypeOf(data);
    this.requiresGrad = requiresGrad;
  }

  get size(): number {
    return this.data.length;
  }

  get rank(): number {
    return this.shape.length;
  }

  /** True when the tensor was not produced by a recorded op. */
  get isLeaf(): boolean {
    return this.node === null;
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.size !== 1)
      throw new ShapeError(`item: tensor of shape ${formatShape(this.shape)} has ${this.size} elements, not 1`);
    return this.data[0];
  }

  /** The values as nested JavaScript arrays (a number for a rank-0 tensor). */
  toArray(): NestedArray {
    if (this.rank === 0) return this.data[0];
    const build = (dim: number, offset: number, stride: number): NestedArray[] => {
      const n = this.shape[dim];
      const inner = stride / n;
      const out: NestedArray[] = new Array(n);
      for (let i = 0; i < n; i++) {
        out[i] = dim === this.rank - 1 ? this.data[offset + i] : build(dim + 1, offset + i * inner, inner);
      }
      return out;
    };
    return build(0, 0, this.size);
  }

  /** A plain copy of the values. */
  toFlatArray(): number[] {
    return Array.from(this.data);
  }

  /** A new leaf with the same values, cut from the graph. */
  detach(): Tensor {
    return new Tensor(this.data, this.shape);
  }

  /** A new leaf with a copy of the values. */
  clone(): Tensor {
    return new Tensor(this.data.slice(), this.shape);
  }

  /** Marks this leaf as needing gradients and returns it. */
  requireGrad(): this {
    if (!this.isLeaf) throw new Error('requireGrad: only a leaf tensor can be marked; use detach() first');
    this.requiresGrad = true;
    return this;
  }

  /** A short description: dtype and shape, not the values. */
  toString(): string {
    return `Tensor(${this.dtype}, ${formatShape(this.shape)})`;
  }

  /** A tensor whose values are not initialized (from the buffer pool); fill it before reading. */
  static empty(dtype: DType, shape: Shape): Tensor {
    return new Tensor(allocate(dtype, sizeOf(shape)), shape);
  }
}
