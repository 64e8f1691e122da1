import type { DailyCount } from '../../../shared/reports/packageReports';

const HEIGHT = 180;
const BAR_GAP = 2;

/**
 * Received and released per day as paired bars: a month's rhythm (Mondays' peaks, a holiday's
 * backlog) reads at a glance, where the table below gives exact numbers. Plain SVG, no library.
 */
export function DailyChart({ days, label, title, receivedLabel, releasedLabel }: { days: readonly DailyCount[]; label: (date: string) => string; title: string; receivedLabel: string; releasedLabel: string }) {
  const max = Math.max(1, ...days.map((day) => Math.max(day.received, day.released)));
  const width = Math.max(300, days.length * 24);
  const slot = width / Math.max(1, days.length);
  const bar = Math.max(2, (slot - BAR_GAP * 3) / 2);
  const y = (value: number) => HEIGHT - 20 - (value / max) * (HEIGHT - 40);
  return (
    <figure className="daily-chart">
      <svg viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-label={title} preserveAspectRatio="none" data-testid="daily-chart">
        <title>{title}</title>
        <line x1={0} x2={width} y1={HEIGHT - 20} y2={HEIGHT - 20} className="axis" />
        {days.map((day, index) => {
          const x = index * slot + BAR_GAP;
          return (
            <g key={day.date}>
              <rect className="received" x={x} y={y(day.received)} width={bar} height={HEIGHT - 20 - y(day.received)}>
                <title>{`${label(day.date)}: ${receivedLabel} ${day.received}`}</title>
              </rect>
              <rect className="released" x={x + bar + BAR_GAP} y={y(day.released)} width={bar} height={HEIGHT - 20 - y(day.released)}>
                <title>{`${label(day.date)}: ${releasedLabel} ${day.released}`}</title>
              </rect>
              {index % 7 === 0 && (
                <text x={x} y={HEIGHT - 5} className="tick">
                  {label(day.date)}
                </text>
              )}
            </g>
          );
        })}
        <text x={4} y={14} className="tick">
          {max}
        </text>
      </svg>
      <figcaption>
        <span className="legend received" /> {receivedLabel} <span className="legend released" /> {releasedLabel}
      </figcaption>
    </figure>
  );
}
