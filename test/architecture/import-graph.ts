import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

/** Files of src/ (paths relative to src/, with "/") mapped to the files of src/ that they import. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

const SOURCE_FILE = /\.tsx?$/;

/** Reads every .ts/.tsx file under `srcDir` and resolves its relative imports and re-exports to files. */
export function readImportGraph(srcDir: string): ImportGraph {
  const files = listSourceFiles(srcDir);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = fs.readFileSync(path.join(srcDir, file), "utf8");
    const { importedFiles } = ts.preProcessFile(text, true, true);
    const targets = importedFiles
      .map((imported) => imported.fileName)
      .filter((specifier) => specifier.startsWith("."))
      .map((specifier) => resolveSpecifier(file, specifier, known));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

function listSourceFiles(srcDir: string): string[] {
  return fs
    .readdirSync(srcDir, { recursive: true, encoding: "utf8" })
    .map((entry) => entry.split(path.sep).join("/"))
    .filter((entry) => SOURCE_FILE.test(entry) && !entry.endsWith(".d.ts"))
    .sort();
}

function resolveSpecifier(importer: string, specifier: string, known: ReadonlySet<string>): string {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(importer), specifier));
  const candidates = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`];
  const found = candidates.find((candidate) => known.has(candidate));
  if (found === undefined) throw new Error(`${importer}: cannot resolve import "${specifier}"`);
  return found;
}
