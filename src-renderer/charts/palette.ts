/** Colours the option builders use that must read well on both themes' backgrounds. */
export type ThemeName = 'light' | 'dark';

export interface Palette {
  readonly background: string;
  readonly text: string;
  readonly muted: string;
  /** The actual series / reference ink. */
  readonly ink: string;
  readonly accent: string;
  readonly accent2: string;
  readonly baseline: string;
  readonly split: string;
  readonly series: readonly string[];
}

const LIGHT: Palette = {
  background: '#ffffff',
  text: '#1f2430',
  muted: '#6b7280',
  ink: '#1f2430',
  accent: '#2563eb',
  accent2: '#d97706',
  baseline: '#dc2626',
  split: '#6b7280',
  series: ['#2563eb', '#d97706', '#059669', '#7c3aed', '#db2777', '#0891b2', '#65a30d', '#9333ea'],
};

const DARK: Palette = {
  background: '#161a22',
  text: '#e5e7eb',
  muted: '#9ca3af',
  ink: '#f3f4f6',
  accent: '#60a5fa',
  accent2: '#fbbf24',
  baseline: '#f87171',
  split: '#9ca3af',
  series: ['#60a5fa', '#fbbf24', '#34d399', '#a78bfa', '#f472b6', '#22d3ee', '#a3e635', '#c084fc'],
};

/** The palette of a theme. */
export function palette(theme: ThemeName): Palette {
  return theme === 'dark' ? DARK : LIGHT;
}

/** `#rrggbb` with an alpha in [0, 1], as `rgba(…)`. */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

const hexToRgb = (hex: string) => {
  const n = Number.parseInt(hex.slice(1), 16);
  return `${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}`;
};
/** Each dark colour (as `#rrggbb` and as the `r, g, b` inside rgba()) → its light counterpart, key by key. */
const DARK_TO_LIGHT: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  const pair = (d: string, l: string) => {
    m.set(d.toLowerCase(), l);
    m.set(hexToRgb(d), hexToRgb(l));
  };
  for (const key of ['background', 'text', 'muted', 'ink', 'accent', 'accent2', 'baseline', 'split'] as const) pair(DARK[key], LIGHT[key]);
  DARK.series.forEach((c, i) => pair(c, LIGHT.series[i]!));
  return m;
})();

/**
 * The light theme's counterpart of a colour the dark palette gave (`#60a5fa` → `#2563eb`, `rgba(96, 165, 250, 0.4)`
 * → `rgba(37, 99, 235, 0.4)`); any other colour unchanged. Figures are exported on white whatever the screen's theme.
 */
export function lightColour(colour: string): string {
  const hex = DARK_TO_LIGHT.get(colour.toLowerCase());
  if (hex && colour.startsWith('#')) return hex;
  const rgba = /^rgba\((\d+, \d+, \d+), ([\d.]+)\)$/.exec(colour);
  const rgb = rgba ? DARK_TO_LIGHT.get(rgba[1]!) : undefined;
  return rgb ? `rgba(${rgb}, ${rgba![2]})` : colour;
}
