// Saving a chart: its drawing as SVG (ECharts' SVG renderer) or PNG (that SVG drawn on a canvas at
// twice the size), and its data as CSV — downloads, as the app's other saved CSVs are, so they work
// in the desktop window and in the browser mode alike.
import { download, downloadBlob } from '../state/download';
import type { EChartHandle } from './EChart';

const svgBlob = (svg: string) => new Blob([svg], { type: 'image/svg+xml;charset=utf-8' });

export function saveSvg(chart: EChartHandle, name: string): void {
  downloadBlob(`${name}.svg`, svgBlob(chart.svg()));
}

/** Pixels per CSS pixel of a saved PNG: sharp on high-density screens and in print. */
const PNG_SCALE = 2;

export async function savePng(chart: EChartHandle, name: string): Promise<void> {
  // A data: URL, not a blob: one — the page's Content-Security-Policy admits images from data: only.
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(chart.svg())}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = chart.width() * PNG_SCALE;
  canvas.height = chart.height() * PNG_SCALE;
  const context = canvas.getContext('2d')!;
  context.scale(PNG_SCALE, PNG_SCALE);
  context.drawImage(image, 0, 0, chart.width(), chart.height());
  const png = await new Promise<Blob>((done, fail) =>
    canvas.toBlob((b) => (b ? done(b) : fail(new Error('the chart could not be drawn as PNG'))), 'image/png'),
  );
  downloadBlob(`${name}.png`, png);
}

/** The chart's data as CSV (UTF-8 with a BOM, as the app's other CSVs, so spreadsheets read the Chinese). */
export function saveCsv(csv: string, name: string): void {
  download(`${name}.csv`, csv);
}
