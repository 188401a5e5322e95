import { binaryBroadcast, mapUnary, sumAxes, type BinaryFn, type UnaryFn } from '../kernels/index.js';
import {
  Tensor,
  allocate,
  broadcastShapes,
  broadcastStrides,
  record,
  sameShape,
  sizeOf,
  type Shape,
} from '../tensor/index.js';
import { resolveOperands, type Operand } from './operand.js';

/**
 * The adjoint of broadcasting: sums `grad` over the axes along which an input of `shape` was
 * broadcast, so that the gradient has the input's own shape. Every binary op's backward uses it.
 */
export function unbroadcast(grad: Tensor, shape: Shape): Tensor {
  if (sameShape(grad.shape, shape)) return grad;
  const offset = grad.rank - shape.length;
  const axes: number[] = [];
  for (let d = 0; d < grad.rank; d++) {
    if (d < offset || (shape[d - offset] === 1 && grad.shape[d] !== 1)) axes.push(d);
  }
  const out = allocate(grad.dtype, sizeOf(shape));
  sumAxes(grad.data, grad.shape, axes, out);
  return new Tensor(out, shape);
}

/** Forward of a broadcasting binary op, without recording. */
export function computeBinary(op: string, fn: BinaryFn, a: Tensor, b: Tensor): Tensor {
  const shape = broadcastShapes(op, a.shape, b.shape);
  const out = allocate(a.dtype, sizeOf(shape));
  binaryBroadcast(fn, a.data, broadcastStrides(a.shape, shape), b.data, broadcastStrides(b.shape, shape), shape, out);
  return new Tensor(out, shape);
}

/**
 * A broadcasting binary op: forward with `fn`, then `backward(dy, a, b, out)` gives the gradients of
 * a and b at the broadcast shape; they are unbroadcast here.
 */
export function binaryOp(
  op: string,
  fn: BinaryFn,
  x: Operand,
  y: Operand,
  backward: (dy: Tensor, a: Tensor, b: Tensor, out: Tensor) => [Tensor | null, Tensor | null],
): Tensor {
  const [a, b] = resolveOperands(op, x, y);
  const out = computeBinary(op, fn, a, b);
  return record(out, op, [a, b], (dy) => {
    const [da, db] = backward(dy, a, b, out);
    return [
      da && a.requiresGrad ? unbroadcast(da, a.shape) : null,
      db && b.requiresGrad ? unbroadcast(db, b.shape) : null,
    ];
  });
}

/** Forward of an elementwise unary op, without recording. */
export function computeUnary(fn: UnaryFn, a: Tensor): Tensor {
  return new Tensor(mapUnary(fn, a.data, allocate(a.dtype, a.size)), a.shape);
}

/** An elementwise unary op whose backward is `backward(dy, x, out)`. */
export function unaryOp(
  op: string,
  fn: UnaryFn,
  x: Tensor,
  backward: (dy: Tensor, x: Tensor, out: Tensor) => Tensor,
): Tensor {
  const out = computeUnary(fn, x);
  return record(out, op, [x], (dy) => [backward(dy, x, out)]);
}

/**
 * One pass over the output gradient and a same-shape tensor (the input or the output of an
 * elementwise op): dx[i] = fn(dy[i], source[i]). The activations' backward rules use it, so that
 * dy·f'(x) costs one loop and one allocation.
 */
export function gradientMap(dy: Tensor, source: Tensor, fn: (g: number, v: number) => number): Tensor {
  const out = allocate(dy.dtype, dy.size);
  const g = dy.data;
  const v = source.data;
  for (let i = 0; i < out.length; i++) out[i] = fn(g[i], v[i]);
  return new Tensor(out, dy.shape);
}
