'use client';

import { memo, type ComponentPropsWithoutRef } from 'react';
import ReactMarkdown, { type Components, type ExtraProps, type Options } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import './highlight.css';
import { CopyButton } from '@/components/ui/copy-button';

/** The default GitHub-like schema; `language-*` on `code` is spelled out because highlighting depends on it. */
const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    code: [...(defaultSchema.attributes?.code ?? []), ['className', /^language-/]],
  },
};

/** The smallest shape of an mdast node this file needs. */
interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

/** Parents whose children are blocks, where a bare text node would not be valid. */
const blockParents = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

function htmlToText(parent: MdNode): void {
  const children = parent.children ?? [];
  children.forEach((child, index) => {
    if (child.type !== 'html') {
      htmlToText(child);
      return;
    }
    const text: MdNode = { type: 'text', value: child.value ?? '' };
    children[index] = blockParents.has(parent.type) ? { type: 'paragraph', children: [text] } : text;
  });
}

/**
 * Raw HTML in an answer is shown as the text the model wrote. Left as HTML, the sanitizer
 * would silently drop it, so prose like "wrap it in a <div>" would lose words.
 */
function remarkHtmlAsText() {
  return (tree: MdNode) => htmlToText(tree);
}

function cx(...classes: Array<string | false | undefined>): string {
  return classes.filter(Boolean).join(' ');
}

/** The text of a hast node, as it would be copied. */
function textOf(node: ExtraProps['node'] | { type: string; value?: string }): string {
  if (!node) return '';
  if (node.type === 'text' && 'value' in node) return node.value ?? '';
  return 'children' in node ? node.children.map(textOf).join('') : '';
}

/** A fenced code block: a header with its language and a copy button, over code that scrolls sideways on its own. */
function CodeBlock({ node, children }: ComponentPropsWithoutRef<'pre'> & ExtraProps) {
  // Fences end with a newline that nobody wants on the clipboard.
  const code = textOf(node).replace(/\n$/, '');
  const language = languageOf(node);
  return (
    <div className="my-3 overflow-hidden rounded-md border border-zinc-200 dark:border-zinc-700">
      <div className="flex items-center justify-between gap-2 border-b border-zinc-200 bg-zinc-50 py-1 pr-1.5 pl-3 font-sans text-xs text-zinc-600 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
        <span>{language ?? 'code'}</span>
        <CopyButton
          text={code}
          label="Copy"
          name="Copy code"
          testId="copy-code"
          className="bg-white text-zinc-700 dark:bg-zinc-900 dark:text-zinc-200"
        />
      </div>
      {/* Focusable so keyboard users can scroll long lines (axe: scrollable-region-focusable). */}
      <pre
        tabIndex={0}
        className="overflow-x-auto bg-[#fefefe] p-3 font-mono text-[0.8125rem] leading-snug text-[#545454] focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-600 dark:bg-[#2b2b2b] dark:text-[#f8f8f2] [&_code]:bg-transparent [&_code]:p-0 [&_code]:text-inherit [&_code]:text-[length:inherit]"
      >
        {children}
      </pre>
    </div>
  );
}

/** The language a fence names (```rust), read off its code element's `language-…` class. */
function languageOf(node: ExtraProps['node']): string | undefined {
  const code = node?.children.find((child) => child.type === 'element' && child.tagName === 'code');
  const classes = code?.type === 'element' ? code.properties.className : undefined;
  const names = Array.isArray(classes) ? classes.map(String) : [];
  return names.find((name) => name.startsWith('language-'))?.slice('language-'.length);
}

/** Only web and mail links leave the page; footnote anchors stay on it; anything else is plain text. */
function Link({ node: _node, href, children, ...props }: ComponentPropsWithoutRef<'a'> & ExtraProps) {
  if (href && /^(https?:|mailto:)/i.test(href)) {
    return (
      <a
        {...props}
        href={href}
        target="_blank"
        rel="noopener noreferrer nofollow"
        className="text-sky-700 underline underline-offset-2 hover:text-sky-900 dark:text-sky-400 dark:hover:text-sky-300"
      >
        {children}
      </a>
    );
  }
  if (href?.startsWith('#')) {
    // The sanitizer prefixes every id (DOM clobbering); fragment links must follow.
    return (
      <a {...props} href={`#user-content-${href.slice(1)}`} className="text-sky-700 underline dark:text-sky-400">
        {children}
      </a>
    );
  }
  return <span>{children}</span>;
}

/** Tailwind styles per element; kept tight for a chat column. */
const components: Components = {
  h1: ({ node: _node, ...props }) => <h1 {...props} className="mt-4 mb-2 text-xl font-semibold" />,
  h2: ({ node: _node, className, ...props }) => (
    <h2 {...props} className={cx('mt-4 mb-2 text-lg font-semibold', className)} />
  ),
  h3: ({ node: _node, ...props }) => <h3 {...props} className="mt-3 mb-1.5 text-base font-semibold" />,
  h4: ({ node: _node, ...props }) => <h4 {...props} className="mt-3 mb-1 text-sm font-semibold" />,
  h5: ({ node: _node, ...props }) => <h5 {...props} className="mt-3 mb-1 text-sm font-semibold" />,
  h6: ({ node: _node, ...props }) => (
    <h6 {...props} className="mt-3 mb-1 text-sm font-semibold text-zinc-600 dark:text-zinc-400" />
  ),
  p: ({ node: _node, ...props }) => <p {...props} className="my-2" />,
  ul: ({ node: _node, className, ...props }) => (
    <ul
      {...props}
      className={cx(
        'my-2 space-y-1',
        className?.includes('contains-task-list') ? 'list-none pl-1' : 'list-disc pl-5',
        className,
      )}
    />
  ),
  ol: ({ node: _node, className, ...props }) => (
    <ol
      {...props}
      className={cx(
        'my-2 space-y-1',
        className?.includes('contains-task-list') ? 'list-none pl-1' : 'list-decimal pl-5',
        className,
      )}
    />
  ),
  li: ({ node: _node, ...props }) => <li {...props} className={cx('[&>ol]:my-1 [&>ul]:my-1', props.className)} />,
  input: ({ checked }) => (
    <input
      type="checkbox"
      checked={checked ?? false}
      disabled
      readOnly
      aria-label="Task"
      className="mr-1.5 align-middle"
    />
  ),
  blockquote: ({ node: _node, ...props }) => (
    <blockquote
      {...props}
      className="my-2 border-l-4 border-zinc-300 pl-3 text-zinc-700 dark:border-zinc-600 dark:text-zinc-300"
    />
  ),
  hr: () => <hr className="my-4 border-zinc-200 dark:border-zinc-700" />,
  a: Link,
  pre: CodeBlock,
  code: ({ node: _node, className, ...props }) => (
    <code
      {...props}
      className={cx(
        'rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.875em] text-zinc-800 dark:bg-zinc-800 dark:text-zinc-100',
        className,
      )}
    />
  ),
  table: ({ node: _node, ...props }) => (
    // Focusable for the same reason as code blocks: wide tables scroll.
    <div tabIndex={0} className="my-3 overflow-x-auto focus-visible:outline-2 focus-visible:outline-sky-600">
      <table {...props} className="border-collapse text-left text-sm" />
    </div>
  ),
  th: ({ node: _node, ...props }) => (
    <th
      {...props}
      className="border border-zinc-300 bg-zinc-100 px-2 py-1 font-semibold dark:border-zinc-700 dark:bg-zinc-800"
    />
  ),
  td: ({ node: _node, ...props }) => (
    <td {...props} className="border border-zinc-300 px-2 py-1 dark:border-zinc-700" />
  ),
  img: ({ node: _node, alt, ...props }) => (
    <img {...props} alt={alt ?? ''} loading="lazy" className="my-2 h-auto max-w-full" />
  ),
};

const remarkPlugins: Options['remarkPlugins'] = [remarkGfm, remarkHtmlAsText];
// rehype-highlight registers every common grammar each time it is set up, and react-markdown sets its plugins up
// on every render: a few milliseconds an answer. Set it up once and hand every render the same transformer.
const highlight = rehypeHighlight();
const rehypeHighlightOnce = () => highlight;
// Sanitize before highlighting: the other way round, the sanitizer strips the highlight classes.
const rehypePlugins: Options['rehypePlugins'] = [[rehypeSanitize, sanitizeSchema], rehypeHighlightOnce];
// While text streams in it is parsed again on every update; highlighting waits until the text is complete.
const streamingRehypePlugins: Options['rehypePlugins'] = [[rehypeSanitize, sanitizeSchema]];
// Footnote ids get their prefix from the sanitizer alone (see Link), not twice.
const remarkRehypeOptions: Options['remarkRehypeOptions'] = { clobberPrefix: '' };

function MarkdownView({ text, className, streaming = false }: MarkdownProps) {
  return (
    <div className={cx('text-sm leading-relaxed break-words [&>:first-child]:mt-0 [&>:last-child]:mb-0', className)}>
      <ReactMarkdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={streaming ? streamingRehypePlugins : rehypePlugins}
        remarkRehypeOptions={remarkRehypeOptions}
        components={components}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}

export interface MarkdownProps {
  text: string;
  className?: string;
  /** The text is still arriving: skip syntax highlighting until it is complete. */
  streaming?: boolean;
}

/**
 * Renders a model's markdown answer (GFM: tables, task lists, strikethrough, footnotes)
 * safely: raw HTML shows as text, only http(s)/mailto links are live and open in a new tab,
 * and code blocks are highlighted with a copy button. Partial markdown, as it streams in,
 * renders as far as it goes. Memoized: re-renders only when its props change. Load it through `LazyMarkdown`, which keeps
 * the markdown pipeline out of the page's first load.
 */
export const Markdown = memo(MarkdownView);
