import { clipLabel, linearScale, niceTicks } from '@/lib/eval/report/chart-scale';
import { NOT_YET, secondsText } from '@/lib/eval/report/report-numbers';
import { p90, type TurnTimes } from '@/lib/eval/report/turn-times';
import { median } from '@/lib/stats/median';
import { CHART_WIDTH, ChartFigure, TABLE } from './chart-figure';
import { AXIS_TEXT, contestantColour, GRID_LINE } from './contestant-colour';

const LEFT = 116;
const RIGHT = 16;
const TITLE = 22;
const STRIP = 24;
const AXIS = 30;

const METRICS = [
  { key: 'firstToken', label: 'first token' },
  { key: 'total', label: 'total' },
] as const;

/** A small vertical spread for the dots of one strip, the same on every render, so equal times do not hide each other. */
const jitter = (index: number) => ((index * 7919) % 9) - 4;

/** Turns by their place in the sorted list: equal times are separate turns, and the order never changes. */
const dotsOf = (values: readonly number[]) => values.map((value, order) => ({ value, order }));

/** Per contestant, the time to first token and the total time of every answered turn, median and 90th percentile marked. */
export function TimeChart({ times }: { times: TurnTimes[] }) {
  const ticks = niceTicks(Math.max(0, ...times.flatMap((entry) => entry.total)) / 1000);
  const x = linearScale([0, ticks.at(-1) ?? 1], [LEFT, CHART_WIDTH - RIGHT]);
  const groupHeight = TITLE + METRICS.length * STRIP;
  const plotBottom = times.length * groupHeight;
  const rows = times.flatMap((entry) =>
    METRICS.map((metric) => {
      const values = entry[metric.key];
      return {
        id: entry.contestantId,
        metric: metric.label,
        n: values.length,
        median: median(values),
        p90: p90(values),
        max: values.at(-1) ?? null,
      };
    }),
  );
  const label = `Times per answered turn: ${rows.map((row) => `${row.id} ${row.metric} median ${secondsText(row.median)}, 90th percentile ${secondsText(row.p90)}`).join('; ')}.`;

  return (
    <ChartFigure
      testId="time-chart"
      title="Time per answered turn"
      caption="Each dot is one answered turn. The solid bar marks the median, the dashed bar the 90th percentile."
      label={label}
      height={plotBottom + AXIS}
      table={
        <table className={TABLE}>
          <thead>
            <tr>
              <th scope="col">Contestant</th>
              <th scope="col">Time</th>
              <th scope="col">Turns</th>
              <th scope="col">Median</th>
              <th scope="col">90th percentile</th>
              <th scope="col">Slowest</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.id} ${row.metric}`}>
                <th scope="row">{row.id}</th>
                <td>{row.metric}</td>
                <td>{row.n}</td>
                <td>{secondsText(row.median)}</td>
                <td>{secondsText(row.p90)}</td>
                <td>{secondsText(row.max)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={x(tick)} x2={x(tick)} y1={0} y2={plotBottom} className={GRID_LINE} />
          <text x={x(tick)} y={plotBottom + 20} textAnchor="middle" className={AXIS_TEXT}>
            {tick} s
          </text>
        </g>
      ))}
      {times.map((entry, index) => {
        const top = index * groupHeight;
        const colour = contestantColour(index);
        return (
          <g key={entry.contestantId}>
            <text x={0} y={top + 16} className={`${colour.fill} font-semibold`}>
              {clipLabel(entry.contestantId, 40)}
            </text>
            {METRICS.map((metric, metricIndex) => {
              const values = entry[metric.key];
              const y = top + TITLE + metricIndex * STRIP + STRIP / 2;
              const middle = median(values);
              const high = p90(values);
              return (
                <g key={metric.key}>
                  <text x={LEFT - 8} y={y} textAnchor="end" dominantBaseline="middle" className={AXIS_TEXT}>
                    {metric.label}
                  </text>
                  {values.length === 0 && (
                    <text x={LEFT + 4} y={y} dominantBaseline="middle" className={AXIS_TEXT}>
                      {NOT_YET}
                    </text>
                  )}
                  {dotsOf(values).map((dot) => (
                    <circle
                      key={dot.order}
                      cx={x(dot.value / 1000)}
                      cy={y + jitter(dot.order)}
                      r={2.5}
                      className={colour.fill}
                      fillOpacity={0.45}
                    />
                  ))}
                  {middle !== null && (
                    <line
                      x1={x(middle / 1000)}
                      x2={x(middle / 1000)}
                      y1={y - 9}
                      y2={y + 9}
                      strokeWidth={3}
                      className={colour.stroke}
                    />
                  )}
                  {high !== null && (
                    <line
                      x1={x(high / 1000)}
                      x2={x(high / 1000)}
                      y1={y - 9}
                      y2={y + 9}
                      strokeWidth={2}
                      strokeDasharray="3 2"
                      className={colour.stroke}
                    />
                  )}
                </g>
              );
            })}
          </g>
        );
      })}
    </ChartFigure>
  );
}
