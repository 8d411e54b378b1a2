// A dependency-free SVG line chart: two panels (loss, accuracy) a person can open in any browser.

/** One line of a chart. */
export interface Series {
  readonly label: string;
  readonly points: readonly (readonly [number, number])[];
  readonly color: string;
}

/** One panel: a title, axis labels and its lines. */
export interface Panel {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  /** Where the legend goes: keep it off the curves (rising curves end top right). */
  readonly legend?: 'top-right' | 'bottom-right';
}

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Round, human-friendly tick values covering [low, high]. */
function ticks(low: number, high: number, count = 5): number[] {
  const span = high - low || Math.abs(high) || 1;
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= raw) ?? raw;
  const out: number[] = [];
  for (let value = Math.ceil(low / step) * step; value <= high + step * 1e-9; value += step) out.push(Number(value.toPrecision(12)));
  return out;
}

function panelSvg(panel: Panel, left: number, top: number, width: number, height: number): string {
  const all = panel.series.flatMap((series) => series.points);
  if (all.length === 0) return '';
  const xs = all.map(([x]) => x);
  const ys = all.map(([, y]) => y).filter(Number.isFinite);
  const [xMin, xMax] = [Math.min(...xs), Math.max(...xs)];
  let [yMin, yMax] = [Math.min(...ys), Math.max(...ys)];
  if (yMin === yMax) [yMin, yMax] = [yMin - 1, yMax + 1];
  const plot = { left: left + 60, top: top + 30, width: width - 80, height: height - 70 };
  const sx = (x: number): number => plot.left + ((x - xMin) / (xMax - xMin || 1)) * plot.width;
  const sy = (y: number): number => plot.top + plot.height - ((y - yMin) / (yMax - yMin)) * plot.height;
  const parts: string[] = [`<text x="${left + width / 2}" y="${top + 18}" text-anchor="middle" font-size="15" font-weight="bold">${escape(panel.title)}</text>`];
  for (const value of ticks(yMin, yMax)) {
    parts.push(`<line x1="${plot.left}" x2="${plot.left + plot.width}" y1="${sy(value)}" y2="${sy(value)}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${plot.left - 6}" y="${sy(value) + 4}" text-anchor="end" font-size="11">${value}</text>`);
  }
  for (const value of ticks(xMin, xMax)) {
    parts.push(`<text x="${sx(value)}" y="${plot.top + plot.height + 16}" text-anchor="middle" font-size="11">${value}</text>`);
  }
  parts.push(`<rect x="${plot.left}" y="${plot.top}" width="${plot.width}" height="${plot.height}" fill="none" stroke="#333"/>`);
  parts.push(`<text x="${plot.left + plot.width / 2}" y="${top + height - 12}" text-anchor="middle" font-size="12">${escape(panel.xLabel)}</text>`);
  parts.push(`<text transform="translate(${left + 14} ${plot.top + plot.height / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escape(panel.yLabel)}</text>`);
  panel.series.forEach((series, index) => {
    const path = series.points.filter(([, y]) => Number.isFinite(y)).map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' ');
    parts.push(`<path d="${path}" fill="none" stroke="${series.color}" stroke-width="1.6"/>`);
    if (series.points.length <= 30) for (const [x, y] of series.points) parts.push(`<circle cx="${sx(x)}" cy="${sy(y)}" r="3" fill="${series.color}"/>`);
    const ly = panel.legend === 'bottom-right' ? plot.top + plot.height - 10 - (panel.series.length - 1 - index) * 16 : plot.top + 14 + index * 16;
    parts.push(`<line x1="${plot.left + plot.width - 150}" x2="${plot.left + plot.width - 130}" y1="${ly - 4}" y2="${ly - 4}" stroke="${series.color}" stroke-width="2"/>`);
    parts.push(`<text x="${plot.left + plot.width - 125}" y="${ly}" font-size="11">${escape(series.label)}</text>`);
  });
  return parts.join('\n');
}

/** Renders panels side by side as a standalone SVG document. */
export function chartSvg(panels: readonly Panel[], panelWidth = 520, height = 360): string {
  const width = panelWidth * panels.length;
  const body = panels.map((panel, index) => panelSvg(panel, index * panelWidth, 0, panelWidth, height)).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">\n<rect width="100%" height="100%" fill="white"/>\n${body}\n</svg>\n`;
}
