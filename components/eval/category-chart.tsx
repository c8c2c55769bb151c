import type { EvalReport } from '@/lib/eval/report/build-report';
import { clipLabel, linearScale } from '@/lib/eval/report/chart-scale';
import { gradeText, intervalText, NOT_YET, percentText } from '@/lib/eval/report/report-numbers';
import { categoryRows, type CategoryCell } from './category-rows';
import { CHART_WIDTH, ChartFigure, ChartLegend, TABLE } from './chart-figure';
import { AXIS_TEXT, contestantColour, GRID_LINE } from './contestant-colour';

const LEFT = 118;
const RIGHT = 24;
const TOP = 8;
const STEP = 18;
const GAP = 14;
const AXIS = 30;

/** Win rate against the reference (or mean grade) per category and overall, each with its 95% interval as a whisker. */
export function CategoryChart({ report }: { report: EvalReport }) {
  const { percent, contestants, rows } = categoryRows(report);
  const domain: [number, number] = percent ? [0, 1] : [0, 10];
  const ticks = percent ? [0, 0.25, 0.5, 0.75, 1] : [0, 2, 4, 6, 8, 10];
  const x = linearScale(domain, [LEFT, CHART_WIDTH - RIGHT]);
  const groupHeight = contestants.length * STEP + GAP;
  const height = TOP + rows.length * groupHeight + AXIS;
  const plotBottom = TOP + rows.length * groupHeight;
  const valueText = (cell: CategoryCell) => (percent ? percentText(cell.value) : gradeText(cell.value));
  const what = percent ? `win rate against ${report.header.settings.referenceId}` : 'mean grade (1–10)';
  const label = `${percent ? 'Win rate' : 'Mean grade'} per category with 95% intervals: ${rows
    .map(
      (row) =>
        `${row.category}: ${row.cells.map((cell, index) => `${contestants[index]?.id} ${valueText(cell)}`).join(', ')}`,
    )
    .join('; ')}.`;

  return (
    <ChartFigure
      testId="category-chart"
      title={percent ? 'Win rate per category' : 'Mean grade per category'}
      caption={`Each dot is the ${what}; the whisker is its 95% ${percent ? 'Wilson' : 'bootstrap'} interval.${percent ? ' The dashed line is a tie with the reference.' : ''}`}
      label={label}
      height={height}
      legend={
        <ChartLegend
          entries={contestants.map((contestant) => ({
            id: contestant.id,
            swatch: contestantColour(contestant.index).swatch,
          }))}
        />
      }
      table={
        <table className={TABLE}>
          <thead>
            <tr>
              <th scope="col">Category</th>
              {contestants.map((contestant) => (
                <th key={contestant.id} scope="col">
                  {contestant.id}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.category}>
                <th scope="row">{row.category}</th>
                {row.cells.map((cell, index) => (
                  <td key={contestants[index]?.id}>
                    {cell.value === null
                      ? NOT_YET
                      : `${valueText(cell)} (95%: ${intervalText(cell.interval, percent)}, n = ${cell.n})`}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {ticks.map((tick) => (
        <g key={tick}>
          <line
            x1={x(tick)}
            x2={x(tick)}
            y1={TOP}
            y2={plotBottom}
            className={GRID_LINE}
            strokeDasharray={percent && tick === 0.5 ? '4 3' : undefined}
          />
          <text x={x(tick)} y={plotBottom + 20} textAnchor="middle" className={AXIS_TEXT}>
            {percent ? `${tick * 100}%` : tick}
          </text>
        </g>
      ))}
      {rows.map((row, rowIndex) => {
        const top = TOP + rowIndex * groupHeight;
        return (
          <g key={row.category}>
            <text
              x={LEFT - 8}
              y={top + groupHeight / 2}
              textAnchor="end"
              dominantBaseline="middle"
              className={`${AXIS_TEXT} ${row.category === 'overall' ? 'font-semibold' : ''}`}
            >
              {clipLabel(row.category, 11)}
            </text>
            {row.cells.map((cell, index) => {
              const y = top + GAP / 2 + index * STEP + STEP / 2;
              const colour = contestantColour(contestants[index]?.index ?? index);
              if (cell.value === null) {
                return (
                  <text key={contestants[index]?.id} x={LEFT + 4} y={y} dominantBaseline="middle" className={AXIS_TEXT}>
                    {NOT_YET}
                  </text>
                );
              }
              return (
                <g key={contestants[index]?.id}>
                  {cell.interval && (
                    <line
                      x1={x(cell.interval.lower)}
                      x2={x(cell.interval.upper)}
                      y1={y}
                      y2={y}
                      strokeWidth={2}
                      className={colour.stroke}
                    />
                  )}
                  <circle cx={x(cell.value)} cy={y} r={4.5} className={colour.fill} />
                </g>
              );
            })}
          </g>
        );
      })}
    </ChartFigure>
  );
}
