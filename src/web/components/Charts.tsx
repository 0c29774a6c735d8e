import type { PropsWithChildren } from "@kitajs/html";
import { Table } from "./Table.tsx";

/** One bar or point of a chart; the same values make the chart's data table. */
export interface ChartDatum {
  label: string;
  value: number;
}

interface ChartProps {
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
}

const WIDTH = 640;
const ROW = 26;
const LABEL_WIDTH = 220;

/**
 * A horizontal bar chart drawn on the server as SVG (no script), named by its title and
 * description (role="img"), followed by the same numbers as a table for anyone who cannot see it.
 */
export function BarChart(props: ChartProps) {
  const { data, format = String } = props;
  const max = Math.max(...data.map((d) => d.value), 1);
  const barSpace = WIDTH - LABEL_WIDTH - 90;
  const height = data.length * ROW + 10;
  return (
    <ChartFrame {...props} height={height}>
      {data.map((d, i) => {
        const y = i * ROW + 5;
        const w = Math.round((d.value / max) * barSpace);
        return (
          <g>
            <text x={String(LABEL_WIDTH - 8)} y={String(y + 17)} text-anchor="end" class="chart-label" safe>
              {d.label.length > 30 ? `${d.label.slice(0, 29)}…` : d.label}
            </text>
            <rect
              x={String(LABEL_WIDTH)}
              y={String(y + 3)}
              width={String(w)}
              height={String(ROW - 8)}
              class="chart-bar"
            />
            <text x={String(LABEL_WIDTH + w + 6)} y={String(y + 17)} class="chart-value" safe>
              {format(d.value)}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
}

/** A line chart over ordered labels (e.g. years), with its points marked and its data table. */
export function LineChart(props: ChartProps & { lowerIsBetter?: boolean }) {
  const { data, format = String } = props;
  const height = 240;
  const pad = { left: 60, right: 20, top: 20, bottom: 40 };
  const values = data.map((d) => d.value);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo || 1;
  const x = (i: number) =>
    pad.left + (data.length === 1 ? 0 : (i * (WIDTH - pad.left - pad.right)) / (data.length - 1));
  // For a rank, 1 is best: drawn at the top.
  const y = (v: number) => {
    const share = (v - lo) / span;
    return pad.top + (props.lowerIsBetter ? share : 1 - share) * (height - pad.top - pad.bottom);
  };
  const points = data.map((d, i) => `${x(i).toFixed(1)},${y(d.value).toFixed(1)}`).join(" ");
  return (
    <ChartFrame {...props} height={height}>
      <line
        x1={String(pad.left)}
        y1={String(height - pad.bottom)}
        x2={String(WIDTH - pad.right)}
        y2={String(height - pad.bottom)}
        class="chart-axis"
      />
      <polyline points={points} class="chart-line" fill="none" />
      {data.map((d, i) => (
        <g>
          <circle cx={x(i).toFixed(1)} cy={y(d.value).toFixed(1)} r="4" class="chart-point" />
          <text
            x={x(i).toFixed(1)}
            y={String(height - pad.bottom + 18)}
            text-anchor="middle"
            class="chart-label"
            safe
          >
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
            <text x={(cx + 8).toFixed(1)} y={(cy - 6).toFixed(1)} class="chart-label" safe>
              {d.mark}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
}

/**
 * What every chart shares: the SVG named by its title and description (role="img"), the caption,
 * and the same numbers as a table for anyone who cannot see it; a sentence when there is no data.
 */
function ChartFrame(props: PropsWithChildren<ChartProps & { height: number }>) {
  const { id } = props;
  if (props.data.length === 0)
    return (
      <p class="empty" safe>
        {props.empty}
      </p>
    );
  return (
    <figure class="chart">
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${WIDTH} ${props.height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${id}-title`} safe>
          {props.title}
        </title>
        <desc id={`${id}-desc`} safe>
          {props.description}
        </desc>
        {props.children}
      </svg>
      <figcaption safe>{props.title}</figcaption>
      <DataTable {...props} />
    </figure>
  );
}

function DataTable(props: ChartProps) {
  const format = props.format ?? String;
  return (
    <Table<ChartDatum>
      caption={props.title}
      columns={[
        { header: props.labelHeader, cell: (d) => <span safe>{d.label}</span>, rowHeader: true },
        { header: props.valueHeader, cell: (d) => <span safe>{format(d.value)}</span>, numeric: true },
      ]}
      rows={props.data}
      empty={props.empty}
    />
  );
}
