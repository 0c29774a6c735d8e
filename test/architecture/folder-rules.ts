import type { ImportGraph } from "./import-graph.ts";

/**
 * The top-level rooms of src/, bottom to top: a room may import from its own layer and the layers
 * below it, never from one above. Rooms of one layer stand side by side.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ["config.ts"],
  ["platform"],
  ["web"],
  ["auth"],
  ["organisation"],
  ["registry"],
  ["consultation", "engagements"],
  ["planning", "monitoring", "mail-intake", "reports"],
  ["meetings"],
  ["import"],
  ["worklist"],
  ["demo"],
  ["app.ts"],
  ["cli"],
  ["main.ts"],
];

/** The rooms that hold a domain's rules; platform and web serve them and name none of them. */
export const DOMAINS: readonly string[] = [
  "auth",
  "organisation",
  "registry",
  "consultation",
  "engagements",
  "planning",
  "monitoring",
  "meetings",
  "mail-intake",
  "reports",
  "import",
  "worklist",
];
const BASE_ROOMS: readonly string[] = ["platform", "web"];

export interface FolderImport {
  from: string;
  to: string;
  /** One file import that makes it, "src-file -> src-file". */
  example: string;
}

/** The top-level room of a file: its first folder, or the file itself at the top of src/. */
export const roomOf = (file: string): string => file.split("/")[0] ?? file;

/** The imports between different top-level rooms, one per pair of rooms, each with an example. */
export function folderImports(graph: ImportGraph): FolderImport[] {
  const found = new Map<string, FolderImport>();
  for (const [file, targets] of graph)
    for (const target of targets) {
      const from = roomOf(file);
      const to = roomOf(target);
      const key = `${from} ${to}`;
      if (from !== to && !found.has(key)) found.set(key, { from, to, example: `${file} -> ${target}` });
    }
  return [...found.values()];
}

/** Every top-level room that stands on no layer. */
export function roomsWithoutLayer(graph: ImportGraph): string[] {
  const placed = new Set(LAYERS.flat());
  return [...new Set([...graph.keys()].map(roomOf))].filter((room) => !placed.has(room)).sort();
}

/** Imports from a room to one on a higher layer (a room without a layer is left to `roomsWithoutLayer`). */
export function upwardImports(graph: ImportGraph): FolderImport[] {
  const layer = new Map(LAYERS.flatMap((rooms, index) => rooms.map((room) => [room, index] as const)));
  return folderImports(graph).filter(({ from, to }) => (layer.get(from) ?? Infinity) < (layer.get(to) ?? -1));
}

/** Imports from platform or web into a domain. */
export function baseImportsOfDomains(graph: ImportGraph): FolderImport[] {
  return folderImports(graph).filter(({ from, to }) => BASE_ROOMS.includes(from) && DOMAINS.includes(to));
}

/** Cycles between top-level rooms, each as the path of rooms that returns to its start. */
export function folderCycles(graph: ImportGraph): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of folderImports(graph)) next.set(from, [...(next.get(from) ?? []), to]);
  const cycles = new Map<string, string[]>();
  const walk = (path: string[]) => {
    const last = path[path.length - 1] ?? "";
    for (const to of next.get(last) ?? []) {
      const seen = path.indexOf(to);
      if (seen >= 0) {
        const loop = path.slice(seen);
        const key = [...loop].sort().join(" ");
        if (!cycles.has(key)) cycles.set(key, [...loop, to]);
      } else walk([...path, to]);
    }
  };
  for (const start of next.keys()) walk([start]);
  return [...cycles.values()];
}
