import { describe, expect, it } from 'vitest';
import { hashOf, parseHash } from './routes.js';

describe('routes', () => {
  it('parses every page', () => {
    expect(parseHash('')).toEqual({ page: 'experiments' });
    expect(parseHash('#/')).toEqual({ page: 'experiments' });
    expect(parseHash('#/settings')).toEqual({ page: 'settings' });
    expect(hashOf({ page: 'settings' })).toBe('#/settings');
    expect(parseHash('#/run/12')).toEqual({ page: 'run', id: 12 });
    expect(parseHash('#/results/3')).toEqual({ page: 'results', id: 3 });
    expect(parseHash('#/compare?ids=1,2&ref=1')).toEqual({ page: 'compare', ids: [1, 2], ref: 1 });
    expect(parseHash('#/compare?ids=4')).toEqual({ page: 'compare', ids: [4], ref: 0 });
    expect(parseHash('#/compare?ids=4&correction=bonferroni&alpha=0.01')).toEqual({ page: 'compare', ids: [4], ref: 0, correction: 'bonferroni', alpha: 0.01 });
    expect(parseHash('#/compare?ids=4&correction=none&alpha=2')).toEqual({ page: 'compare', ids: [4], ref: 0 });
  });

  it('sends malformed hashes to not-found', () => {
    expect(parseHash('#/run/abc').page).toBe('not-found');
    expect(parseHash('#/results/0').page).toBe('not-found');
    expect(parseHash('#/nope').page).toBe('not-found');
  });

  it('round-trips', () => {
    for (const h of ['#/', '#/run/5', '#/results/7', '#/compare?ids=1,2&ref=0', '#/compare?ids=3&ref=0&metric=mae', '#/compare?ids=3,4&ref=1&correction=bh&alpha=0.1']) {
      expect(hashOf(parseHash(h))).toBe(h);
    }
  });
});
