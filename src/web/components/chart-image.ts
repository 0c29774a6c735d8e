import fs from "node:fs";
import { BarChart, type ChartProps } from "./Charts.tsx";

/**
 * A chart as a PNG picture, for files that cannot show SVG (the annual report's Word file): the
 * page's SVG drawn by resvg with the page's chart colours and sizes, its text in DejaVu Sans.
 */
export interface ChartImage {
  png: Buffer;
  /** Pixels of the drawing (the SVG's own size); the PNG has twice as many each way, for print. */
  width: number;
  height: number;
}

/**
 * DejaVu Sans from Debian's fonts-dejavu-core (installed by CI and named in operations.md): resvg
 * draws text only with a font it is given, and this one has every Swedish letter.
 */
export const CHART_FONTS = [
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
];
const SCALE = 2;

/** The stylesheet's rules for the charts' own classes (`.chart-…`, `.map-…`): one place for how a chart looks. */
function chartStyle(): string {
  const css = fs.readFileSync(new URL("../static/kansli.css", import.meta.url), "utf8");
  const rules = [...css.replace(/\/\*[\s\S]*?\*\//g, "").matchAll(/([^{}]+)\{([^}]*)\}/g)].filter((m) =>
    (m[1] ?? "").split(",").every((selector) => /^\.(chart|map)-[\w-]+$/.test(selector.trim())),
  );
  return `text{font-family:"DejaVu Sans"}${rules.map((m) => `${(m[1] ?? "").trim()}{${m[2] ?? ""}}`).join("")}`;
}

let style: string | undefined;

/** A bar chart (with data) drawn as a PNG. */
export async function barChartImage(props: ChartProps): Promise<ChartImage> {
  const missing = CHART_FONTS.filter((f) => !fs.existsSync(f));
  if (missing.length > 0)
    throw new Error(`Chart images need the font ${missing.join(", ")} (Debian package fonts-dejavu-core)`);
  style ??= chartStyle();
  const svg = String(await BarChart({ ...props, standalone: true })).replace(
    /^(<svg[^>]*>)/,
    `$1<style>${style}</style>`,
  );
  const { Resvg } = await import("@resvg/resvg-js");
  const rendered = new Resvg(svg, {
    background: "white",
    fitTo: { mode: "zoom", value: SCALE },
    font: { fontFiles: CHART_FONTS, loadSystemFonts: false, defaultFontFamily: "DejaVu Sans" },
  }).render();
  return { png: rendered.asPng(), width: rendered.width / SCALE, height: rendered.height / SCALE };
}
