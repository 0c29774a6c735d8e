import type { PropsWithChildren } from "@kitajs/html";
import { Table } from "./Table.tsx";

/** One bar or point of a chart; the same values make the chart's data table. */
export interface ChartDatum {
  label: string;
  value: number;
}

export interface ChartProps {
  /** Unique on the page: the ids of the chart's title and description derive from it. */
  id: string;
  title: string;
  /** A sentence that says what the chart shows, read by screen readers. */
  description: string;
  labelHeader: string;
  valueHeader: string;
  data: ChartDatum[];
  empty: string;
  format?: (n: number) => string;
  /** Only the SVG, sized and with its namespace: a picture outside the page (`chart-image.ts`). */
  standalone?: boolean;
}

const WIDTH = 640;
const LABEL_WIDTH = 220;
const LINE = 15;
/** Characters of a bar's label per line: it wraps, and is never cut off. */
const LABEL_CHARS = 30;

/** A label broken into lines at spaces, each at most `max` characters (a longer word keeps its line). */
export function wrapLabel(label: string, max = LABEL_CHARS): string[] {
  const lines: string[] = [];
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length > 0 ? lines : [""];
}

/**
 * Round ticks for an axis from `lo` to `hi`: steps of 1, 2 or 5 times a power of ten (whole
 * numbers when the data are), about four of them, covering the range.
 */
export function axisTicks(lo: number, hi: number, whole: boolean): number[] {
  const raw = (hi - lo || Math.abs(hi) || 1) / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max([1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw, whole ? 1 : 0);
  const first = Math.floor(lo / step) * step;
  const ticks: number[] = [];
  for (let v = first; v < hi + step; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** An axis's name (its unit included, e.g. "Kostnad (kr)"), in the chart's own text style. */
const AxisTitle = (props: { x: number; y: number; anchor?: string; text: string }) => (
  <text
    x={String(props.x)}
    y={String(props.y)}
    text-anchor={props.anchor ?? "middle"}
    class="chart-axis-title"
    safe
  >
    {props.text}
  </text>
);

/**
 * A horizontal bar chart drawn on the server as SVG (no script), named by its title and
 * description (role="img"), followed by the same numbers as a table for anyone who cannot see it.
 * Its value axis below has round ticks and the value's name with its unit; long labels wrap.
 */
export function BarChart(props: ChartProps) {
  const { data, format = String } = props;
  const ticks = axisTicks(
    0,
    Math.max(...data.map((d) => d.value), 0),
    data.every((d) => Number.isInteger(d.value)),
  );
  const max = ticks.at(-1) || 1;
  const barSpace = WIDTH - LABEL_WIDTH - 110;
  const top = 24;
  const rows = data.map((d) => ({ ...d, lines: wrapLabel(d.label) }));
  const heights = rows.map((r) => Math.max(26, r.lines.length * LINE + 11));
  const axisY = top + heights.reduce((a, b) => a + b, 0);
  const height = axisY + 48;
  const xOf = (v: number) => LABEL_WIDTH + Math.round((v / max) * barSpace);
  let y = top;
  return (
    <ChartFrame {...props} height={height}>
      <AxisTitle x={LABEL_WIDTH - 8} y={14} anchor="end" text={props.labelHeader} />
      {rows.map((d, i) => {
        const rowTop = y;
        const rowHeight = heights[i] ?? 26;
        y += rowHeight;
        const mid = rowTop + rowHeight / 2;
        const w = xOf(d.value) - LABEL_WIDTH;
        const firstLine = mid - ((d.lines.length - 1) * LINE) / 2 + 4;
        return (
          <g>
            <text x={String(LABEL_WIDTH - 8)} y={firstLine.toFixed(1)} text-anchor="end" class="chart-label">
              {d.lines.map((line, n) => (
                <tspan x={String(LABEL_WIDTH - 8)} dy={n === 0 ? "0" : String(LINE)} safe>
                  {line}
                </tspan>
              ))}
            </text>
            <rect
              x={String(LABEL_WIDTH)}
              y={(mid - 9).toFixed(1)}
              width={String(w)}
              height="18"
              class="chart-bar"
            />
            <text x={String(LABEL_WIDTH + w + 6)} y={(mid + 4).toFixed(1)} class="chart-value" safe>
              {format(d.value)}
            </text>
          </g>
        );
      })}
      <line
        x1={String(LABEL_WIDTH)}
        y1={String(top)}
        x2={String(LABEL_WIDTH)}
        y2={String(axisY)}
        class="chart-axis"
      />
      <line
        x1={String(LABEL_WIDTH)}
        y1={String(axisY)}
        x2={String(xOf(max))}
        y2={String(axisY)}
        class="chart-axis"
      />
      {ticks.map((v) => (
        <g>
          <line
            x1={String(xOf(v))}
            y1={String(axisY)}
            x2={String(xOf(v))}
            y2={String(axisY + 5)}
            class="chart-axis"
          />
          <text x={String(xOf(v))} y={String(axisY + 18)} text-anchor="middle" class="chart-tick" safe>
            {format(v)}
          </text>
        </g>
      ))}
      <AxisTitle x={LABEL_WIDTH + barSpace / 2} y={axisY + 40} text={props.valueHeader} />
    </ChartFrame>
  );
}

/**
 * A line chart over ordered labels (e.g. years), with its points marked, a value axis at the left
 * with round ticks and the value's name, the labels' axis below with its name, and its data table.
 */
export function LineChart(props: ChartProps & { lowerIsBetter?: boolean }) {
  const { data, format = String } = props;
  const height = 270;
  const pad = { left: 80, right: 30, top: 40, bottom: 60 };
  const values = data.map((d) => d.value);
  const ticks = axisTicks(Math.min(...values), Math.max(...values), values.every(Number.isInteger));
  const lo = ticks[0] ?? 0;
  const span = (ticks.at(-1) ?? 1) - lo || 1;
  const x = (i: number) =>
    pad.left + (data.length === 1 ? 0 : (i * (WIDTH - pad.left - pad.right)) / (data.length - 1));
  // For a rank, 1 is best: drawn at the top.
  const y = (v: number) => {
    const share = (v - lo) / span;
    return pad.top + (props.lowerIsBetter ? share : 1 - share) * (height - pad.top - pad.bottom);
  };
  const points = data.map((d, i) => `${x(i).toFixed(1)},${y(d.value).toFixed(1)}`).join(" ");
  const base = height - pad.bottom;
  return (
    <ChartFrame {...props} height={height}>
      <AxisTitle x={pad.left - 12} y={20} anchor="start" text={props.valueHeader} />
      <line
        x1={String(pad.left - 12)}
        y1={String(pad.top)}
        x2={String(pad.left - 12)}
        y2={String(base)}
        class="chart-axis"
      />
      {ticks.map((v) => (
        <g>
          <line
            x1={String(pad.left - 17)}
            y1={y(v).toFixed(1)}
            x2={String(pad.left - 12)}
            y2={y(v).toFixed(1)}
            class="chart-axis"
          />
          <text x={String(pad.left - 20)} y={(y(v) + 4).toFixed(1)} text-anchor="end" class="chart-tick" safe>
            {format(v)}
          </text>
        </g>
      ))}
      <line
        x1={String(pad.left - 12)}
        y1={String(base)}
        x2={String(WIDTH - pad.right)}
        y2={String(base)}
        class="chart-axis"
      />
      <polyline points={points} class="chart-line" fill="none" />
      {data.map((d, i) => (
        <g>
          <circle cx={x(i).toFixed(1)} cy={y(d.value).toFixed(1)} r="4" class="chart-point" />
          <text x={x(i).toFixed(1)} y={String(base + 18)} text-anchor="middle" class="chart-label" safe>
            {d.label}
          </text>
          <text
            x={x(i).toFixed(1)}
            y={(y(d.value) - 8).toFixed(1)}
            text-anchor="middle"
            class="chart-value"
            safe
          >
            {format(d.value)}
          </text>
        </g>
      ))}
      <AxisTitle x={(pad.left + WIDTH - pad.right) / 2} y={base + 44} text={props.labelHeader} />
    </ChartFrame>
  );
}

/** A place on a world map: its latitude and longitude (when known) and a short mark beside its dot. */
export interface MapDatum extends ChartDatum {
  position?: { lat: number; lon: number } | undefined;
  mark: string;
}

/**
 * A world map as an equirectangular grid (every 30 degrees, no coastlines): each place is a dot at
 * its latitude and longitude, its area growing with its value, marked with a short label. The data
 * table below holds every place, also those without a position.
 */
export function WorldMap(props: Omit<ChartProps, "data"> & { data: MapDatum[] }) {
  const height = WIDTH / 2;
  const x = (lon: number) => ((lon + 180) / 360) * WIDTH;
  const y = (lat: number) => ((90 - lat) / 180) * height;
  const max = Math.max(...props.data.map((d) => d.value), 1);
  const meridians = Array.from({ length: 11 }, (_, i) => -150 + i * 30);
  const parallels = [-60, -30, 0, 30, 60];
  return (
    <ChartFrame {...props} height={height}>
      <rect x="0" y="0" width={String(WIDTH)} height={String(height)} class="map-sea" />
      {meridians.map((lon) => (
        <line x1={x(lon).toFixed(1)} y1="0" x2={x(lon).toFixed(1)} y2={String(height)} class="map-grid" />
      ))}
      {parallels.map((lat) => (
        <line x1="0" y1={y(lat).toFixed(1)} x2={String(WIDTH)} y2={y(lat).toFixed(1)} class="map-grid" />
      ))}
      {props.data.map((d) => {
        if (!d.position) return "";
        const cx = x(d.position.lon);
        const cy = y(d.position.lat);
        return (
          <g>
            <circle
              cx={cx.toFixed(1)}
              cy={cy.toFixed(1)}
              r={(3 + 7 * Math.sqrt(d.value / max)).toFixed(1)}
              class="chart-point map-point"
            />
            <text
              x={(cx > WIDTH - 60 ? cx - 8 : cx + 8).toFixed(1)}
              y={Math.max(cy - 6, 12).toFixed(1)}
              text-anchor={cx > WIDTH - 60 ? "end" : "start"}
              class="chart-label"
              safe
            >
              {d.mark}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
}

/**
 * What every chart shares: its title shown once, as the caption above it; the SVG named by the
 * title and description (role="img"); and the same numbers as a table for anyone who cannot see it,
 * its caption (the title again) for screen readers only. A sentence when there is no data.
 */
function ChartFrame(props: PropsWithChildren<ChartProps & { height: number }>) {
  const { id } = props;
  if (props.data.length === 0)
    return (
      <p class="empty" safe>
        {props.empty}
      </p>
    );
  const svg = (
    <svg
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${WIDTH} ${props.height}`}
      {...(props.standalone
        ? { xmlns: "http://www.w3.org/2000/svg", width: String(WIDTH), height: String(props.height) }
        : { width: "100%", preserveAspectRatio: "xMinYMin meet" })}
    >
      <title id={`${id}-title`} safe>
        {props.title}
      </title>
      <desc id={`${id}-desc`} safe>
        {props.description}
      </desc>
      {props.children}
    </svg>
  );
  if (props.standalone) return svg;
  return (
    <figure class="chart">
      <figcaption id={`${id}-caption`} safe>
        {props.title}
      </figcaption>
      {svg}
      <DataTable {...props} />
    </figure>
  );
}

function DataTable(props: ChartProps) {
  const format = props.format ?? String;
  return (
    <Table<ChartDatum>
      caption={props.title}
      captionHidden
      columns={[
        { header: props.labelHeader, cell: (d) => <span safe>{d.label}</span>, rowHeader: true },
        { header: props.valueHeader, cell: (d) => <span safe>{format(d.value)}</span>, numeric: true },
      ]}
      rows={props.data}
      empty={props.empty}
    />
  );
}
