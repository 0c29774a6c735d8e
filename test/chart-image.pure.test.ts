import { describe, expect, it } from "vitest";
import type { ChartProps } from "../src/web/components/Charts.tsx";
import { barChartImage } from "../src/web/components/chart-image.ts";
import { readPng } from "./helpers/png.ts";

const chart = (label: string, axis: string): ChartProps => ({
  id: "c",
  title: "Kostnad per inriktning (kr)",
  description: "Störst: Samverkan.",
  labelHeader: axis,
  valueHeader: axis,
  data: [
    { label, value: 560_000 },
    { label: `${label} två`, value: 120_000 },
  ],
  empty: "Inget",
  format: (n) => n.toLocaleString("sv-SE"),
});

describe("a chart as a picture", () => {
  it("draws the page's SVG chart as a PNG at twice its size", async () => {
    const image = await barChartImage(chart("Åtgärder för ökad samverkan", "Kostnad (kr)"));
    expect(image.width).toBe(640);
    expect(image.height).toBeGreaterThan(100);
    expect(readPng(image.png)).toEqual({ width: 1280, height: image.height * 2 });
  });

  it("draws its labels (a font is loaded): other words give another picture", async () => {
    const labelled = await barChartImage(chart("Åtgärder för ökad samverkan", "Kostnad (kr)"));
    const other = await barChartImage(chart("Östersjösamarbete i regionen", "Antal (st)"));
    // Without a font resvg leaves text out, and both pictures would be the same bars.
    expect(labelled.height).toBe(other.height);
    expect(labelled.png.equals(other.png)).toBe(false);
  });
});
