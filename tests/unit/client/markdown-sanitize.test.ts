import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from '@/components/markdown/markdown';

// The include pattern only takes .test.ts, hence createElement rather than JSX.
const render = (text: string) => renderToStaticMarkup(createElement(Markdown, { text }));

describe('Markdown', () => {
  it('shows raw HTML as text, never as elements', () => {
    const html = render('<script>alert(1)</script>\n\nan image <img src=x onerror=alert(1)> inline');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('gives unsafe links no href and safe ones a new tab', () => {
    const html = render('[bad](javascript:alert(1)) [data](data:text/html,hi) [good](https://example.com) [mail](mailto:a@b.c)');
    expect(html).not.toMatch(/javascript:|data:text/);
    expect(html).toContain('<span>bad</span>');
    expect(html).toContain('<span>data</span>');
    expect(html).toMatch(/<a href="https:\/\/example\.com\/?" target="_blank" rel="noopener noreferrer nofollow"/);
    expect(html).toMatch(/<a href="mailto:a@b\.c"/);
  });

  it('highlights fenced code under a header naming its language, with a copy button', () => {
    const html = render('```ts\nconst x: number = 1;\n```');
    expect(html).toMatch(/<span>ts<\/span>/);
    expect(render('```\nplain\n```')).toMatch(/<span>code<\/span>/);
    expect(html).toMatch(/<code class="[^"]*\bhljs\b[^"]*language-ts/);
    expect(html).toContain('hljs-keyword');
    expect(html).toContain('data-testid="copy-code"');
    expect(html).toContain('aria-label="Copy code"');
  });

  it('renders GFM tables and labelled task-list checkboxes', () => {
    const html = render('| a | b |\n| - | - |\n| 1 | 2 |\n\n- [x] done\n- [ ] todo');
    expect(html).toContain('<table');
    expect(html).toContain('<td');
    expect(html.match(/<input[^>]*type="checkbox"[^>]*>/g)).toHaveLength(2);
    expect(html.match(/<input[^>]*aria-label="Task"[^>]*>/g)).toHaveLength(2);
  });

  it('renders partial markdown, as it streams, without throwing', () => {
    expect(() => render('```py\nprint(1)')).not.toThrow();
    expect(() => render('| a | b |\n| -')).not.toThrow();
    expect(render('```py\nprint(1)')).toContain('hljs');
  });

  it('keeps footnote links pointing at their sanitized ids', () => {
    const html = render('A claim.[^1]\n\n[^1]: The source.');
    expect(html).toContain('href="#user-content-fn-1"');
    expect(html).toContain('id="user-content-fn-1"');
  });
});
