// Charts of the ledger's overview, drawn by uPlot (bundled: vendor.js) in the theme's colours.
// Every chart is a picture for sighted users (role="img" with a summary as its name) and comes
// with the same numbers as a table (a <details> right under it), so nothing is only visual.
import { h } from '../../../shared/dom.js';
import { uPlot } from '../../vendor.js';

/** A theme colour (CSS custom property of ui.css), read when the chart is drawn. */
const cssVar = (name) => getComputedStyle(document.body).getPropertyValue(name).trim() || '#888';

/** How many series colours ledger.css defines (`--series-0` …), which the legend's swatches use too. */
const PALETTE_SIZE = 5;
/** The series colours as the theme resolves them now. */
function palette() {
  return Array.from({ length: PALETTE_SIZE }, (_, i) => cssVar(`--series-${i}`));
}

function axes(labels, yFormat) {
  const stroke = cssVar('--text-muted');
  const grid = { stroke: cssVar('--border'), width: 1 };
  return [
    {
      stroke, grid: { show: false }, ticks: { stroke: grid.stroke },
      values: (u, splits) => splits.map((i) => (Number.isInteger(i) ? labels[i] ?? '' : '')),
      splits: () => labels.map((_, i) => i),
    },
    { stroke, grid, ticks: { stroke: grid.stroke }, values: (u, splits) => splits.map(yFormat), size: labelWidth },
  ];
}

/**
 * The y axis's width: its widest label as the canvas draws it, plus the ticks and the gap, so
 * that "$25,000.00" is not cut at the card's edge (a fixed 64 px was too narrow for money).
 * uPlot asks again while it settles the layout (`cycle`); from its third ask, the last answer
 * stands, so the layout converges.
 */
function labelWidth(u, values, index, cycle) {
  const axis = u.axes[index];
  if (cycle > 1 && axis._size) return axis._size;
  const widest = (values ?? []).reduce((a, v) => (String(v).length > a.length ? String(v) : a), '');
  let width = 0;
  if (widest) {
    u.ctx.save();
    u.ctx.font = axis.font?.[0] ?? u.ctx.font;
    width = u.ctx.measureText(widest).width / (window.devicePixelRatio || 1);
    u.ctx.restore();
  }
  return Math.ceil(width + (axis.ticks?.size ?? 10) + (axis.gap ?? 5) + 4);
}

/**
 * A chart: `labels` along x, `series` [{label, values, bars?}] in y, `yFormat(value)` for the
 * axis. `summary` names the picture for screen readers.
 */
export function chart({ id, labels, series, yFormat = String, summary, height = 200 }) {
  const box = h('div', { class: 'ledger-chart', id, role: 'img', 'aria-label': summary });
  // The swatches take the series' colours from ledger.css (`data-i`): reading them here, as
  // palette() does when drawing, would make the browser work out every style of the page before
  // the first paint (~15 ms at 100,000 tasks), and style attributes would need CSP's 'unsafe-inline'.
  const legend = h('p', { class: 'ledger-legend small', 'aria-hidden': 'true' },
    series.map((s, i) => h('span', { class: 'ledger-key' },
      h('span', { class: 'ledger-swatch', dataset: { i: String(i % PALETTE_SIZE) } }), s.label)));
  const draw = () => {
    const colours = palette();
    box.replaceChildren();
    const width = Math.max(280, box.clientWidth || 600);
    const bars = uPlot.paths?.bars?.({ size: [0.6, 48] });
    const n = series.filter((s) => s.bars).length;
    // eslint-disable-next-line no-new
    new uPlot({
      width, height, legend: { show: false }, cursor: { show: true, drag: { x: false, y: false } },
      scales: { x: { time: false, range: [-0.5, labels.length - 0.5] } },
      axes: axes(labels, yFormat),
      series: [{}, ...series.map((s, i) => ({
        label: s.label,
        stroke: colours[i % colours.length],
        fill: s.bars ? `${colours[i % colours.length]}cc` : undefined,
        width: s.bars ? 0 : 2,
        paths: s.bars && n > 0 ? bars : undefined,
        points: { show: !s.bars },
        spanGaps: true,
      }))],
    }, [labels.map((_, i) => i), ...series.map((s) => s.values.map((v) => (v === null || v === undefined ? null : v)))], box);
  };
  // Drawn once attached (its width is the card's) and the page is idle: the key figures and the
  // table's first rows paint first (reading the width lays out the whole page, and uPlot's first
  // chart costs ~30 ms), then the charts, within 300 ms whatever else runs.
  if (typeof requestIdleCallback === 'function') requestIdleCallback(draw, { timeout: 300 });
  else requestAnimationFrame(() => setTimeout(draw, 0));
  return h('div', { class: 'ledger-chart-wrap' }, legend, box);
}

/** The table alternative: `head` column names, `rows` [[row header, ...cells]]. */
export function tableAlternative(caption, head, rows) {
  return h('details', { class: 'ledger-table-alt' },
    h('summary', {}, `${caption}: as a table`),
    h('table', { class: 'table small' },
      h('caption', { class: 'sr-only' }, caption),
      h('thead', {}, h('tr', {}, head.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.map(([first, ...cells]) => h('tr', {},
        h('th', { scope: 'row' }, first), cells.map((c) => h('td', {}, c)))))));
}
