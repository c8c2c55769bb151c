'use client';
import { lazy, Suspense } from 'react';
import type { MarkdownProps } from './markdown';

const loadMarkdown = () => import('./markdown');

// The markdown pipeline (parser, sanitizer, highlighter) is about 100 KB gzip: it loads after the page, since the
// first answer needs it seconds later at the earliest.
const Markdown = lazy(() => loadMarkdown().then((module) => ({ default: module.Markdown })));

/** Starts loading the markdown pipeline ahead of need, e.g. when the browser is idle. */
export function preloadMarkdown(): void {
  void loadMarkdown();
}

/** `Markdown`, loaded on demand; until it is there the text shows as plain text. */
export function LazyMarkdown(props: MarkdownProps) {
  return (
    <Suspense fallback={<div className="text-sm leading-relaxed break-words whitespace-pre-wrap">{props.text}</div>}>
      <Markdown {...props} />
    </Suspense>
  );
}
