import type { Translate } from '../../i18n/index.js';
import { type NoticeProgress, rate } from '../notice-stats.js';
import { AWARENESS_STEPS, type ProgressRow } from './roll-up.js';

const COLORS: Record<(typeof AWARENESS_STEPS)[number], string> = {
  delivered: '#7fa99b',
  read: '#4f8f73',
  understood: '#2f7a5a',
  signed: '#1f5f44',
};
// Drawn narrow (340 units) so that on a 360 px phone, where the chart is shrunk to the screen, the labels
// keep about their drawn size; on a desktop the chart is capped at 460 px wide.
const BAR = 11;
const GAP = 3;
const LABEL = 100;
const WIDTH = 340;
/** About as many 13 px characters as fit in the label column. */
const LABEL_CHARS = 7;

/**
 * Horizontal bars, four per row (delivered, read, understood, signed as a share of the families), drawn on the
 * server as SVG; the table beside it carries the same figures for screen readers, printing and copying.
 */
export function AwarenessChart({
  t,
  rows,
  title,
}: {
  t: Translate;
  rows: readonly ProgressRow[];
  title: string;
}) {
  const rowHeight = AWARENESS_STEPS.length * (BAR + GAP) + 12;
  const height = rows.length * rowHeight + 34;
  const scale = (WIDTH - LABEL - 50) / 100;
  return (
    <svg
      class="awareness-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={title}
      preserveAspectRatio="xMinYMin meet"
    >
      <title>{title}</title>
      {[0, 25, 50, 75, 100].map((tick) => (
        <g>
          <line
            x1={LABEL + tick * scale}
            x2={LABEL + tick * scale}
            y1={4}
            y2={height - 24}
            stroke="#dde5e0"
          />
          <text x={LABEL + tick * scale} y={height - 10} font-size="11" text-anchor="middle" fill="#68776f">
            {tick}%
          </text>
        </g>
      ))}
      {rows.map((row, index) => {
        const top = 6 + index * rowHeight;
        return (
          <g>
            <text x={LABEL - 8} y={top + rowHeight / 2} font-size="13" text-anchor="end" fill="#1d2b24">
              {shortLabel(row.label)}
            </text>
            {AWARENESS_STEPS.map((step, n) => {
              const share = rate(row.progress[step], row.progress.total);
              const y = top + n * (BAR + GAP);
              return (
                <g>
                  <rect
                    x={LABEL}
                    y={y}
                    width={Math.max(share * scale, 0.5)}
                    height={BAR}
                    fill={COLORS[step]}
                    rx="1.5"
                  >
                    <title>{`${row.label} · ${t(`notices.console.${step}`)} ${row.progress[step]}/${row.progress.total} (${share}%)`}</title>
                  </rect>
                  <text x={LABEL + share * scale + 4} y={y + BAR - 1.5} font-size="11" fill="#3c4a43">
                    {share}%
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}

/** Labels longer than the label column are cut (each bar's tooltip and the table keep the full text). */
function shortLabel(label: string): string {
  const chars = [...label];
  return chars.length > LABEL_CHARS ? `${chars.slice(0, LABEL_CHARS - 1).join('')}…` : label;
}

/** The four rates as big figures, each with its count. */
export function AwarenessTiles({ t, progress }: { t: Translate; progress: NoticeProgress }) {
  return (
    <div class="tiles">
      {AWARENESS_STEPS.map((step) => (
        <div class="tile" data-tile={step}>
          {t(`notices.console.${step}`)}
          <b>{rate(progress[step], progress.total)}%</b>
          <span class="muted">
            {progress[step]} / {progress.total}
          </span>
        </div>
      ))}
    </div>
  );
}

export function ChartLegend({ t }: { t: Translate }) {
  return (
    <p class="legend">
      {AWARENESS_STEPS.map((step) => (
        <span>
          <i style={`background:${COLORS[step]}`} /> {t(`notices.console.${step}`)}
        </span>
      ))}
    </p>
  );
}

/** The figures of the chart as a table: count and rate of each step, per row. */
export function AwarenessTable({
  t,
  rows,
  heading,
  link,
  labelLink,
  extra = [],
  totalHeading,
}: {
  t: Translate;
  rows: readonly ProgressRow[];
  heading: string;
  /** Where the "not done" count of a row leads (its families). */
  link?: (row: ProgressRow) => string | undefined;
  /** Where a row's name leads (drill-down). */
  labelLink?: (row: ProgressRow) => string | undefined;
  /** More columns after the name, e.g. notices sent per school. */
  extra?: readonly { heading: string; cell: (row: ProgressRow) => string | number }[];
  /** What the total counts when it is not one notice's families (e.g. families × notices of a term). */
  totalHeading?: string;
}) {
  const total = totalHeading ?? t('notices.console.total');
  return (
    <table class="awareness">
      <thead>
        <tr>
          <th>{heading}</th>
          {extra.map((column) => (
            <th>{column.heading}</th>
          ))}
          <th>{total}</th>
          {AWARENESS_STEPS.map((step) => (
            <th>{t(`notices.console.${step}`)}</th>
          ))}
          <th>{t('noticeDashboard.not_done')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const href = link?.(row);
          const open = row.progress.total - row.progress.signed;
          const labelHref = labelLink?.(row);
          return (
            <tr data-row={row.key}>
              <td>{labelHref ? <a href={labelHref}>{row.label}</a> : row.label}</td>
              {extra.map((column) => (
                <td data-label={column.heading}>{column.cell(row)}</td>
              ))}
              <td data-label={total}>{row.progress.total}</td>
              {AWARENESS_STEPS.map((step) => (
                <td data-stat={step} data-label={t(`notices.console.${step}`)}>
                  {row.progress[step]}{' '}
                  <small class="muted">({rate(row.progress[step], row.progress.total)}%)</small>
                </td>
              ))}
              <td data-label={t('noticeDashboard.not_done')}>
                {href && open > 0 ? <a href={href}>{open}</a> : open}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export const DASHBOARD_STYLE = `
.dash{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:14px;align-items:start}
.dash svg,.stacked svg{width:100%;height:auto;background:#fff;border-radius:8px}
.stacked svg{max-width:460px;display:block;margin-bottom:10px}
.awareness td,.awareness th{white-space:nowrap}
.tiles{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:10px;margin-bottom:14px}
.tile{background:#fff;border-radius:10px;padding:12px;box-shadow:0 1px 2px #0000000f}
.tile b{display:block;font-size:26px;color:#1f5f44}
.legend span{margin-right:14px;font-size:13px}.legend i{display:inline-block;width:12px;height:12px;border-radius:2px;vertical-align:-1px}
.actions{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:10px 0}
.actions form{margin:0}
.live{background:#e8f1fb;color:#1b4b7a;padding:8px 12px;border-radius:8px}
.scroll{overflow-x:auto}
@media (max-width:760px){.dash{grid-template-columns:1fr}.tiles{grid-template-columns:repeat(2,minmax(0,1fr))}}
@media print{.actions{display:none}}
`;
