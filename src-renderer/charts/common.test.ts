import { describe, expect, it } from 'vitest';
import { baseOption, forExport } from './common.js';

describe('forExport', () => {
  it('adds the title, an opaque background and room at the top', () => {
    const option = { ...baseOption('dark'), series: [{ type: 'line' as const, data: [1] }] };
    const out = forExport(option, 'rmse per repeat', 'dark');
    expect(out.title).toMatchObject({ text: 'rmse per repeat' });
    expect(out.backgroundColor).toBe('#161a22');
    expect(out.animation).toBe(false);
    expect((out.grid as { top: number }).top).toBe(58);
    expect(out.series).toBe(option.series);
  });
});
