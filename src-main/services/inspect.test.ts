import { describe, expect, it } from 'vitest';
import { uploadTarget } from './inspect.js';

describe('uploadTarget (where an uploaded file is stored)', () => {
  const none = () => false;
  it('keeps the name inside the data folder whatever it says', () => {
    expect(uploadTarget('/d', 'moves.csv', none)).toBe('/d/moves.csv');
    for (const name of ['../../etc/passwd', '..\\..\\win.ini', '/etc/passwd', 'a/../../b.csv', '.bashrc', '..', 'é x;rm -rf.csv']) {
      const path = uploadTarget('/d', name, none);
      expect(path.startsWith('/d/'), `${name} → ${path}`).toBe(true);
      expect(path.slice(3)).not.toMatch(/[/\\]|^\./);
    }
  });
  it('never overwrites: later uploads of one name get -2, -3, …', () => {
    const taken = new Set(['/d/moves.csv', '/d/moves-2.csv']);
    expect(uploadTarget('/d', 'moves.csv', (p) => taken.has(p))).toBe('/d/moves-3.csv');
  });
});
