// Colours and point markers. Okabe–Ito orange and blue stay apart for every common colour-vision deficiency;
// their lightness differs too (orange light, blue dark) so a grey-scale print still reads, and the classes
// also differ in shape (class 0 ○, class 1 △) and the splits in fill (train filled, test hollow).

export const CLASS_COLOUR = ['#E69F00', '#0072B2'] as const;
export const INK = '#1d2433';
export const POSITIVE = '#0072B2';
export const NEGATIVE = '#D55E00';

type Rgb = [number, number, number];
// Surface from class 0 (light orange) through pale grey-blue to class 1 (mid blue): lightness falls steadily
// from p = 0 to p = 1, so the surface is a grey ramp in grey-scale.
const SURFACE: Rgb[] = [
  [253, 228, 178],
  [236, 233, 226],
  [120, 170, 214],
];

export function surfaceColour(p: number): Rgb {
  const t = Math.min(1, Math.max(0, p)) * (SURFACE.length - 1);
  const i = Math.min(SURFACE.length - 2, Math.floor(t));
  const f = t - i;
  return [0, 1, 2].map((k) => Math.round(SURFACE[i][k] + f * (SURFACE[i + 1][k] - SURFACE[i][k]))) as Rgb;
}

// A unit's output over the input plane: negative orange, zero white, positive blue (as the weights).
export function signedColour(v: number): Rgb {
  const t = Math.min(1, Math.abs(v));
  const end: Rgb = v < 0 ? [213, 94, 0] : [0, 114, 178];
  return [0, 1, 2].map((k) => Math.round(255 + t * (end[k] - 255))) as Rgb;
}

/** Class 0: circle; class 1: triangle. Train: filled with a dark rim; test: white inside, thick class-colour ring. */
export function marker(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  cls: number,
  train: boolean,
  size = 3.6,
): void {
  ctx.beginPath();
  if (cls === 1) {
    ctx.moveTo(x, y - size * 1.25);
    ctx.lineTo(x + size * 1.15, y + size * 0.85);
    ctx.lineTo(x - size * 1.15, y + size * 0.85);
    ctx.closePath();
  } else ctx.arc(x, y, size, 0, 2 * Math.PI);
  if (train) {
    ctx.fillStyle = CLASS_COLOUR[cls];
    ctx.strokeStyle = INK;
    ctx.lineWidth = 1;
  } else {
    ctx.fillStyle = '#fff';
    ctx.strokeStyle = CLASS_COLOUR[cls];
    ctx.lineWidth = 2.2;
  }
  ctx.fill();
  ctx.stroke();
}
