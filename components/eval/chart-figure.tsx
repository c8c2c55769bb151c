import type { ReactNode } from 'react';

/**
 * The width of every chart's drawing, in viewBox units: the SVG scales to its box, from a phone to a desktop. Its
 * text is 18 units on a phone (about 12 px there) and 15 on wider screens, the drawing at most 560 px wide.
 */
export const CHART_WIDTH = 480;

/**
 * A chart as a figure: a caption saying what it shows, the drawing (one image to assistive technology, described by
 * `label`), a legend, and the same numbers as a real table for whoever cannot or would rather not read the drawing.
 */
export function ChartFigure({
  testId,
  title,
  caption,
  label,
  height,
  legend,
  table,
  children,
}: {
  testId: string;
  title: string;
  caption: string;
  label: string;
  height: number;
  legend?: ReactNode;
  table: ReactNode;
  children: ReactNode;
}) {
  return (
    <figure
      data-testid={testId}
      className="flex min-w-0 flex-col gap-2 rounded-lg border border-zinc-300 p-3 dark:border-zinc-700"
    >
      <figcaption>
        <span className="font-semibold">{title}</span>
        <span className="block text-sm text-zinc-700 dark:text-zinc-300">{caption}</span>
      </figcaption>
      {legend}
      <svg
        role="img"
        aria-label={label}
        viewBox={`0 0 ${CHART_WIDTH} ${height}`}
        className="h-auto w-full max-w-[560px] text-[18px] sm:text-[15px]"
      >
        {children}
      </svg>
      <details>
        <summary className="cursor-pointer text-sm underline">The numbers as a table</summary>
        {/* Focusable so a keyboard can scroll a table wider than a phone. */}
        <div tabIndex={0} className="mt-2 overflow-x-auto">
          {table}
        </div>
      </details>
    </figure>
  );
}

/** A legend of the contestants drawn, in their chart colours. */
export function ChartLegend({ entries }: { entries: { id: string; swatch: string; note?: string }[] }) {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
      {entries.map((entry) => (
        <li key={entry.id} className="flex items-center gap-1.5">
          <span aria-hidden="true" className={`inline-block size-3 rounded-full ${entry.swatch}`} />
          {entry.id}
          {entry.note && <span className="text-zinc-700 dark:text-zinc-300">{entry.note}</span>}
        </li>
      ))}
    </ul>
  );
}

/** Table classes shared by the charts' text equivalents and the report's tables. */
export const TABLE =
  'w-full border-collapse text-left text-sm tabular-nums [&_td]:border-t [&_td]:border-zinc-200 [&_td]:px-2 [&_td]:py-1 [&_th]:px-2 [&_th]:py-1 [&_th]:font-semibold dark:[&_td]:border-zinc-800';
