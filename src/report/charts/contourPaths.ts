import { contours } from 'd3-contour';

/** Values on a regular grid: values[i][j] is the value at (xs[j], ys[i]). */
export interface GridField {
  xs: number[];
  ys: number[];
  values: number[][];
}

/**
 * The isoline (or filled region above) each threshold, as one SVG path per threshold in pixel
 * coordinates of a width × height plot whose axes span the grid's first to last point, y up.
 * d3-contour puts the value at index j at coordinate j + 0.5, so coordinate c maps to index c − 0.5;
 * rings keep d3's orientation (holes opposite), so the default non-zero fill rule cuts the holes.
 * One decimal of a pixel is sharp at 2× zoom and keeps each path a few kilobytes.
 */
export function contourPaths(grid: GridField, thresholds: number[], width: number, height: number): string[] {
  const nx = grid.xs.length;
  const ny = grid.ys.length;
  const flat = grid.values.flat();
  const toX = (c: number) => ((c - 0.5) / (nx - 1)) * width;
  const toY = (c: number) => height - ((c - 0.5) / (ny - 1)) * height;
  const generator = contours().size([nx, ny]);
  return thresholds.map((t) => {
    const shape = generator.contour(flat, t);
    const parts: string[] = [];
    for (const polygon of shape.coordinates)
      for (const ring of polygon) {
        let d = '';
        let last = '';
        for (const [cx, cy] of ring) {
          const point = `${toX(cx).toFixed(1)},${toY(cy).toFixed(1)}`;
          if (point === last) continue;
          d += `${d ? 'L' : 'M'}${point}`;
          last = point;
        }
        if (d) parts.push(`${d}Z`);
      }
    return parts.join('');
  });
}
