import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.js';

describe('renderMarkdown', () => {
  it('renders headings, paragraphs, lists, code, bold, italic and links', () => {
    const html = renderMarkdown('## Why\nA *quick* look\nbefore the **long** run.\n\n- units = 1\n- units = 4\n\n1. first\n2. second\n\nSee [the seed](https://example.org/a?b=1) and `rnnlab compare 3 4`.\n```\nx < 1\n```');
    expect(html).toBe([
      '<h5>Why</h5>',
      '<p>A <em>quick</em> look<br>',
      'before the <strong>long</strong> run.</p>',
      '<ul>', '<li>units = 1</li>', '<li>units = 4</li>', '</ul>',
      '<ol>', '<li>first</li>', '<li>second</li>', '</ol>',
      '<p>See <a href="https://example.org/a?b=1" target="_blank" rel="noopener noreferrer">the seed</a> and <code>rnnlab compare 3 4</code>.</p>',
      '<pre><code>x &lt; 1', '</code></pre>',
    ].join('\n'));
  });

  it('never lets markup or script links through', () => {
    const html = renderMarkdown('<img src=x onerror=alert(1)> **<b>x</b>** [click](javascript:alert(1)) `<script>`');
    expect(html).not.toMatch(/<img|<b>|<script|href="javascript/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<code>&lt;script&gt;</code>');
    expect(renderMarkdown('[x](https://a.org/"onmouseover="alert(1))')).not.toContain('"onmouseover');
  });
});
