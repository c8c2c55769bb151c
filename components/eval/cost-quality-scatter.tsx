import type { EvalReport } from '@/lib/eval/report/build-report';
import { clipLabel, linearScale, niceTicks } from '@/lib/eval/report/chart-scale';
import { dollarsText, gradeText, NOT_YET, percentText } from '@/lib/eval/report/report-numbers';
import { CHART_WIDTH, ChartFigure, TABLE } from './chart-figure';
import { AXIS_TEXT, contestantColour, GRID_LINE } from './contestant-colour';

const HEIGHT = 280;
const LEFT = 52;
const RIGHT = 20;
const TOP = 14;
const BOTTOM = 52;
/** Labels closer than this (in viewBox units) are moved apart. */
const LABEL_SPACING = 20;

/** One dot per contestant: cost per question across, quality (win rate against the reference, or mean grade) up. */
export function CostQualityScatter({ report }: { report: EvalReport }) {
  const percent = report.header.settings.protocol === 'pairwise';
  const points = report.contestants.map((contestant, index) => ({
    id: contestant.id,
    index,
    note: contestant.isReference ? ' (reference)' : '',
    cost: contestant.cost.costPerQuestionUsd,
    // The reference against itself is a tie by definition: it marks the line others are measured from.
    quality: percent
      ? contestant.isReference
        ? 0.5
        : (contestant.pairwise?.winRate ?? null)
      : (contestant.grades?.overall.mean ?? null),
  }));
  const costTicks = niceTicks(Math.max(0, ...points.map((point) => point.cost ?? 0)));
  const qualityTicks = percent ? [0, 0.25, 0.5, 0.75, 1] : [0, 2, 4, 6, 8, 10];
  const x = linearScale([0, costTicks.at(-1) ?? 1], [LEFT, CHART_WIDTH - RIGHT]);
  const y = linearScale([0, percent ? 1 : 10], [HEIGHT - BOTTOM, TOP]);
  const qualityText = (value: number | null) => (percent ? percentText(value) : gradeText(value));
  const drawn = points
    .flatMap((point) =>
      point.cost === null || point.quality === null ? [] : [{ ...point, cx: x(point.cost), cy: y(point.quality) }],
    )
    .sort((a, b) => a.cy - b.cy);
  // Labels go right of their dot (left of it near the right edge), pushed down until they clear the one above.
  const placed = drawn.map((point) => ({ ...point, right: point.cx < CHART_WIDTH * 0.62, labelY: point.cy }));
  placed.forEach((point, index) => {
    const above = placed.slice(0, index).filter((other) => other.right === point.right);
    const last = above.at(-1);
    if (last && point.labelY - last.labelY < LABEL_SPACING) point.labelY = last.labelY + LABEL_SPACING;
  });
  const quality = percent ? `win rate against ${report.header.settings.referenceId}` : 'mean grade';
  const label = `Cost per question against ${quality}: ${points.map((point) => `${point.id}${point.note} ${dollarsText(point.cost)}, ${qualityText(point.quality)}`).join('; ')}.`;

  return (
    <ChartFigure
      testId="cost-quality-chart"
      title="Cost and quality"
      caption={`Each dot is a contestant: its mean cost per question across, its ${quality} up. Up and to the left is better.`}
      label={label}
      height={HEIGHT}
      table={
        <table className={TABLE}>
          <thead>
            <tr>
              <th scope="col">Contestant</th>
              <th scope="col">Cost per question</th>
              <th scope="col">{percent ? 'Win rate' : 'Mean grade'}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.id}>
                <th scope="row">
                  {point.id}
                  {point.note}
                </th>
                <td>{dollarsText(point.cost)}</td>
                <td>{qualityText(point.quality)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {costTicks.map((tick, index) => (
        <g key={`x${tick}`}>
          <line x1={x(tick)} x2={x(tick)} y1={TOP} y2={HEIGHT - BOTTOM} className={GRID_LINE} />
          {/* The last label ends at its tick, so a long amount is not cut by the drawing's edge. */}
          <text
            x={x(tick)}
            y={HEIGHT - BOTTOM + 24}
            textAnchor={index === costTicks.length - 1 ? 'end' : 'middle'}
            className={AXIS_TEXT}
          >
            {dollarsText(tick)}
          </text>
        </g>
      ))}
      {qualityTicks.map((tick) => (
        <g key={`y${tick}`}>
          <line
            x1={LEFT}
            x2={CHART_WIDTH - RIGHT}
            y1={y(tick)}
            y2={y(tick)}
            className={GRID_LINE}
            strokeDasharray={percent && tick === 0.5 ? '4 3' : undefined}
          />
          <text x={LEFT - 6} y={y(tick)} textAnchor="end" dominantBaseline="middle" className={AXIS_TEXT}>
            {percent ? `${tick * 100}%` : tick}
          </text>
        </g>
      ))}
      <text x={(LEFT + CHART_WIDTH - RIGHT) / 2} y={HEIGHT - 4} textAnchor="middle" className={AXIS_TEXT}>
        cost per question
      </text>
      {drawn.length === 0 && (
        <text x={(LEFT + CHART_WIDTH) / 2} y={HEIGHT / 2} textAnchor="middle" className={AXIS_TEXT}>
          {NOT_YET}
        </text>
      )}
      {placed.map((point) => {
        const colour = contestantColour(point.index);
        return (
          <g key={point.id}>
            <circle cx={point.cx} cy={point.cy} r={5} className={colour.fill} />
            <text
              x={point.right ? point.cx + 8 : point.cx - 8}
              y={point.labelY}
              textAnchor={point.right ? 'start' : 'end'}
              dominantBaseline="middle"
              className={colour.fill}
            >
              {clipLabel(`${point.id}${point.note}`, 24)}
            </text>
          </g>
        );
      })}
    </ChartFigure>
  );
}
