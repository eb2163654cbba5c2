import type { ThemeName } from '../charts/palette.js';

const KEY = 'rnnlab-theme';

function initial(): ThemeName {
  const stored = localStorage.getItem(KEY);
  if (stored === 'light' || stored === 'dark') return stored;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Light or dark, remembered in localStorage and applied to `<html data-theme>`. */
class Theme {
  name = $state<ThemeName>(initial());

  constructor() {
    this.apply();
  }

  toggle(): void {
    this.name = this.name === 'dark' ? 'light' : 'dark';
    localStorage.setItem(KEY, this.name);
    this.apply();
  }

  private apply(): void {
    document.documentElement.dataset.theme = this.name;
    document.documentElement.style.colorScheme = this.name;
  }
}

export const theme = new Theme();
