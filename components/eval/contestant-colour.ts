/**
 * One colour per contestant, in the settings' order, the same in every chart and legend. Tailwind's 700 shades on
 * white and 400 shades on near-black both keep a 4.5:1 contrast, so marks and their labels stay readable in either theme.
 */
const PALETTE = [
  {
    fill: 'fill-sky-700 dark:fill-sky-400',
    stroke: 'stroke-sky-700 dark:stroke-sky-400',
    swatch: 'bg-sky-700 dark:bg-sky-400',
  },
  {
    fill: 'fill-amber-700 dark:fill-amber-400',
    stroke: 'stroke-amber-700 dark:stroke-amber-400',
    swatch: 'bg-amber-700 dark:bg-amber-400',
  },
  {
    fill: 'fill-emerald-700 dark:fill-emerald-400',
    stroke: 'stroke-emerald-700 dark:stroke-emerald-400',
    swatch: 'bg-emerald-700 dark:bg-emerald-400',
  },
  {
    fill: 'fill-violet-700 dark:fill-violet-400',
    stroke: 'stroke-violet-700 dark:stroke-violet-400',
    swatch: 'bg-violet-700 dark:bg-violet-400',
  },
  {
    fill: 'fill-rose-700 dark:fill-rose-400',
    stroke: 'stroke-rose-700 dark:stroke-rose-400',
    swatch: 'bg-rose-700 dark:bg-rose-400',
  },
  {
    fill: 'fill-teal-700 dark:fill-teal-400',
    stroke: 'stroke-teal-700 dark:stroke-teal-400',
    swatch: 'bg-teal-700 dark:bg-teal-400',
  },
] as const;

export type ContestantColour = (typeof PALETTE)[number];

/** The colour of the contestant at `index` in the settings. */
export function contestantColour(index: number): ContestantColour {
  return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length] as ContestantColour;
}

/** Classes for chart text and axes: muted, but with text contrast in both themes. */
export const AXIS_TEXT = 'fill-zinc-700 dark:fill-zinc-300';
export const GRID_LINE = 'stroke-zinc-300 dark:stroke-zinc-700';
