import MarkdownIt from 'markdown-it';

// Notes' Markdown through markdown-it with raw HTML off (every `<` is escaped, so a note can never inject
// markup) and its link validation; a single newline is a line break, as people type notes (javascript:, vbscript:, file: and data: other than images are refused).
const md = new MarkdownIt({ html: false, linkify: true, breaks: true });

// Notes sit under the page's own headings: # becomes h4, and so on down.
md.core.ruler.push('note_headings', (state) => {
  for (const token of state.tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 3)}`;
  }
});

// Links open outside the app, without handing it the opener.
md.renderer.rules.link_open = (tokens, i, options, _env, self) => {
  tokens[i]!.attrSet('target', '_blank');
  tokens[i]!.attrSet('rel', 'noopener noreferrer');
  return self.renderToken(tokens, i, options);
};

/** A note's Markdown as HTML that is safe to insert (headings shifted below the page's, links in a new window). */
export function renderMarkdown(text: string): string {
  return md.render(text).trim();
}
