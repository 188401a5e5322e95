/**
 * WCAG 2.x contrast ratio, written from the definition (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio):
 * (L₁ + 0.05) / (L₂ + 0.05) with L the relative luminance of linearized sRGB, L₁ the lighter.
 */
export type Rgb = [number, number, number];

const channel = (c: number) => {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};

export const luminance = ([r, g, b]: Rgb) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** '#abc', '#aabbcc', 'rgb(1, 2, 3)' or 'rgba(1, 2, 3, a)' (composited over white) → [r, g, b]. */
export function parseColor(css: string): Rgb {
  const s = css.trim().toLowerCase();
  if (s.startsWith('#')) {
    const hex = s.length === 4 ? [...s.slice(1)].map((c) => c + c).join('') : s.slice(1);
    return [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as Rgb;
  }
  const m = s.match(/rgba?\(([^)]+)\)/);
  if (!m) throw new Error(`parseColor: cannot read '${css}'`);
  const [r, g, b, a = 1] = m[1].split(',').map((v) => Number.parseFloat(v));
  return [r, g, b].map((v) => a * v + (1 - a) * 255) as Rgb;
}
