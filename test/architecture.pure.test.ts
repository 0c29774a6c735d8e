import path from "node:path";
import { describe, expect, it } from "vitest";
import { importsOfDomainInternals } from "./architecture/domain-faces.ts";
import {
  baseImportsOfDomains,
  folderCycles,
  roomsWithoutLayer,
  upwardImports,
} from "./architecture/folder-rules.ts";
import { type ImportGraph, readImportGraph } from "./architecture/import-graph.ts";

const graph = readImportGraph(path.join(import.meta.dirname, "..", "src"));

describe("the import graph of src/", () => {
  it("reads the imports of the application", () => {
    expect(graph.get("main.ts")).toContain("cli/commands.ts");
    expect(graph.size).toBeGreaterThan(100);
  });

  it("has no cycle between top-level folders", () => {
    expect(folderCycles(graph).map((cycle) => cycle.join(" -> "))).toEqual([]);
  });

  it("places every top-level folder on a layer", () => {
    expect(roomsWithoutLayer(graph)).toEqual([]);
  });

  it("has no import from a folder to one on a higher layer", () => {
    expect(upwardImports(graph)).toEqual([]);
  });

  it("has platform and web name no domain", () => {
    expect(baseImportsOfDomains(graph)).toEqual([]);
  });

  it("imports another domain only through its index.ts", () => {
    expect(importsOfDomainInternals(graph).map(({ file, target }) => `${file} -> ${target}`)).toEqual([]);
  });
});

describe("the checks over an import graph", () => {
  const planted: ImportGraph = new Map([
    ["main.ts", ["cli/commands.ts"]],
    ["cli/commands.ts", ["import/read.ts", "platform/db.ts"]],
    ["import/read.ts", ["cli/runtime.ts", "registry/cases.store.ts"]],
    ["cli/runtime.ts", []],
    ["registry/cases.store.ts", ["registry/index.ts"]],
    ["registry/index.ts", ["platform/db.ts"]],
    ["platform/db.ts", ["web/view.ts"]],
    ["web/view.ts", ["auth/policy.ts"]],
    ["auth/policy.ts", ["platform/db.ts"]],
    ["annals/yearly.ts", []],
  ]);

  it("finds a cycle between folders, with its path", () => {
    expect(folderCycles(planted)).toEqual([
      ["cli", "import", "cli"],
      ["platform", "web", "auth", "platform"],
    ]);
  });

  it("finds an upward import", () => {
    expect(upwardImports(planted).map(({ from, to }) => `${from} -> ${to}`)).toEqual([
      "import -> cli",
      "platform -> web",
      "web -> auth",
    ]);
  });

  it("finds platform or web importing a domain", () => {
    expect(baseImportsOfDomains(planted)).toEqual([
      { from: "web", to: "auth", example: "web/view.ts -> auth/policy.ts" },
    ]);
  });

  it("finds a folder that stands on no layer", () => {
    expect(roomsWithoutLayer(planted)).toEqual(["annals"]);
  });

  it("finds an import of another domain's internals, but not of its index", () => {
    const graphWithFace: ImportGraph = new Map([
      ["cli/commands.ts", ["registry/index.ts", "registry/cases.store.ts"]],
      ["registry/index.ts", ["registry/cases.store.ts"]],
      ["registry/cases.store.ts", []],
    ]);
    expect(importsOfDomainInternals(graphWithFace)).toEqual([
      { file: "cli/commands.ts", target: "registry/cases.store.ts" },
    ]);
  });
});
