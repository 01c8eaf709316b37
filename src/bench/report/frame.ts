// The frame every report chart shares: an SVG with axes, ticks, labels and the data attributes tests read.
import { number } from './format.js';
import { join, markup, type Fragment } from './markup.js';
import type { Scale } from './scale.js';

/** Chart size in SVG user units; the CSS scales it to the page width. */
export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 360;
/** Room for tick labels and axis titles. */
export const MARGIN = { top: 20, right: 20, bottom: 48, left: 64 } as const;

export interface FrameOptions {
  /** `data-chart` value: which kind of chart (speedup, compression, gc-histogram, throughput, comparison). */
  readonly kind: string;
  readonly title: string;
  /** The number of data marks drawn, as `data-points`: a chart with 0 is never rendered. */
  readonly points: number;
  readonly x?: { readonly scale: Scale; readonly label: string; readonly format?: (v: number) => string };
  readonly y?: { readonly scale: Scale; readonly label: string; readonly format?: (v: number) => string };
  readonly height?: number;
  /** Wider charts with a label column (bar charts) override the width and left margin. */
  readonly width?: number;
  readonly left?: number;
  readonly body: Fragment;
  readonly legend?: readonly { readonly label: string; readonly color: string; readonly dashed?: boolean }[];
  readonly caption?: string;
}

/** A `<figure>` holding the chart's SVG, its title and an optional legend and caption. */
export function chartFrame(o: FrameOptions): Fragment {
  const height = o.height ?? CHART_HEIGHT;
  const plotBottom = height - MARGIN.bottom;
  const width = o.width ?? CHART_WIDTH;
  const left = o.left ?? MARGIN.left;
  const plotRight = width - MARGIN.right;
  const xAxis = o.x
    ? markup`<g class="axis x">${join(
        o.x.scale.ticks.map(
          (t) =>
            markup`<line class="grid" x1="${o.x!.scale(t)}" x2="${o.x!.scale(t)}" y1="${MARGIN.top}" y2="${plotBottom}"></line><text x="${o.x!.scale(t)}" y="${plotBottom + 16}" text-anchor="middle">${(o.x!.format ?? number)(t)}</text>`,
        ),
      )}<text class="label" x="${(left + plotRight) / 2}" y="${height - 8}" text-anchor="middle">${o.x.label}</text></g>`
    : markup``;
  const yAxis = o.y
    ? markup`<g class="axis y">${join(
        o.y.scale.ticks.map(
          (t) =>
            markup`<line class="grid" x1="${left}" x2="${plotRight}" y1="${o.y!.scale(t)}" y2="${o.y!.scale(t)}"></line><text x="${left - 6}" y="${o.y!.scale(t) + 4}" text-anchor="end">${(o.y!.format ?? number)(t)}</text>`,
        ),
      )}<text class="label" transform="translate(14 ${(MARGIN.top + plotBottom) / 2}) rotate(-90)" text-anchor="middle">${o.y.label}</text></g>`
    : markup``;
  const legend = o.legend?.length
    ? markup`<ul class="legend">${join(o.legend.map((l) => markup`<li><svg class="swatch" viewBox="0 0 18 10" width="18" height="10"><line x1="0" y1="5" x2="18" y2="5" stroke="${l.color}" stroke-width="2.5" stroke-dasharray="${l.dashed ? '4 3' : 'none'}"></line></svg>${l.label}</li>`))}</ul>`
    : markup``;
  const caption = o.caption ? markup`<p class="caption">${o.caption}</p>` : markup``;
  return markup`<figure class="chart" data-chart="${o.kind}" data-points="${o.points}"><figcaption>${o.title}</figcaption><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${o.title}">${xAxis}${yAxis}<rect class="plot" x="${left}" y="${MARGIN.top}" width="${plotRight - left}" height="${plotBottom - MARGIN.top}"></rect>${o.body}</svg>${legend}${caption}</figure>`;
}

/** Series colours: distinguishable, and readable in print. */
export const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'] as const;

export function colorOf(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}
