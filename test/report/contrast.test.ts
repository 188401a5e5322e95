import { describe, expect, it } from 'vitest';
import { OUTCOME_FILLS, TEXT_COLOR } from '../../src/report/theme.js';
import { contrastRatio, parseColor } from './contrast.js';

describe('WCAG contrast of the report’s text colours', () => {
  it('computes the definition’s known values', () => {
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 10);
    expect(contrastRatio([255, 255, 255], [255, 255, 255])).toBe(1);
    // #767676 on white is the classic just-passing AA grey (4.54).
    expect(contrastRatio(parseColor('#767676'), parseColor('#fff'))).toBeCloseTo(4.54, 2);
    // White on the yellow of the old planted-bug grid (viridis' top, #fde725) failed badly.
    expect(contrastRatio(parseColor('#ffffff'), parseColor('#fde725'))).toBeLessThan(1.3);
  });

  it('gives text on every outcome fill of the planted-bug grid at least AA (4.5)', () => {
    for (const fill of Object.values(OUTCOME_FILLS))
      expect(contrastRatio(parseColor(TEXT_COLOR), parseColor(fill)), fill).toBeGreaterThanOrEqual(4.5);
  });

  it('reads rgba by compositing over white', () => {
    expect(parseColor('rgba(0, 0, 0, 0)')).toEqual([255, 255, 255]);
    expect(parseColor('rgb(17, 17, 17)')).toEqual([17, 17, 17]);
  });
});
