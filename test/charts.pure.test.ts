import { describe, expect, it } from "vitest";
import { axisTicks, BarChart, LineChart, wrapLabel } from "../src/web/components/Charts.tsx";

const LONG = "Kommunikations- och omvärldsavdelningen vid Stadsledningskontoret";

describe("the charts", () => {
  it("wraps a long label at spaces instead of cutting it off", () => {
    const lines = wrapLabel(LONG);
    expect(lines.join(" ")).toBe(LONG);
    expect(lines.every((l) => l.length <= 30)).toBe(true);
    expect(wrapLabel("Kort")).toEqual(["Kort"]);
  });

  it("puts round ticks on an axis, whole ones for counts", () => {
    expect(axisTicks(0, 7, true)).toEqual([0, 2, 4, 6, 8]);
    expect(axisTicks(0, 150_000, true)).toEqual([0, 50_000, 100_000, 150_000]);
    expect(axisTicks(0, 2, true)).toEqual([0, 1, 2]);
    expect(axisTicks(81.2, 83.4, false)).toEqual([81, 82, 83, 84]);
  });

  it("draws a bar chart with its axes, units and every word of its labels, and its title once", async () => {
    const svg = String(
      await BarChart({
        id: "c",
        title: "Kostnad per enhet",
        description: "Störst är SLK.",
        labelHeader: "Enhet",
        valueHeader: "Kostnad (kr)",
        data: [
          { label: LONG, value: 120_000 },
          { label: "Kulturförvaltningen", value: 30_000 },
        ],
        empty: "Inget",
        format: (n) => `${n} kr`,
      }),
    );
    for (const word of LONG.split(" ")) expect(svg).toContain(word);
    expect(svg).not.toContain("…");
    expect(svg).toContain('class="chart-axis-title">Kostnad (kr)</text>');
    expect(svg).toContain('class="chart-axis-title">Enhet</text>');
    expect(svg).toContain('class="chart-tick">0 kr</text>');
    expect(svg).toContain('class="chart-tick">150000 kr</text>');
    expect(svg.match(/>Kostnad per enhet</g)).toHaveLength(3); // caption, SVG title, hidden table caption
    expect(svg).toContain('<caption class="visually-hidden">Kostnad per enhet</caption>');
  });

  it("draws a line chart with a value axis and a named axis of years", async () => {
    const svg = String(
      await LineChart({
        id: "l",
        title: "Placering per år",
        description: "Från 12 till 9.",
        labelHeader: "År",
        valueHeader: "Placering",
        data: [
          { label: "2023", value: 12 },
          { label: "2024", value: 9 },
        ],
        empty: "Inget",
        lowerIsBetter: true,
      }),
    );
    expect(svg).toContain('class="chart-axis-title">Placering</text>');
    expect(svg).toContain('class="chart-axis-title">År</text>');
    expect(svg).toContain('class="chart-tick">9</text>');
    expect(svg).toContain('class="chart-tick">12</text>');
  });
});
