import { DEFAULT_FIGURE, type FigureSettings } from '../charts/figure.js';

/** The figure size and font chosen for exports: one choice for every chart (a paper's figures share them). */
class FigureChoice {
  settings = $state<FigureSettings>(DEFAULT_FIGURE);

  set(change: Partial<FigureSettings>): void {
    this.settings = { ...this.settings, ...change };
  }
}

export const figure = new FigureChoice();
