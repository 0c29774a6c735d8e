import { DOMAINS, roomOf } from "./folder-rules.ts";
import type { ImportGraph } from "./import-graph.ts";

export interface InternalImport {
  /** The importing file. */
  file: string;
  /** The file of another domain, other than that domain's index.ts. */
  target: string;
}

/** Imports that reach past another domain's face (its index.ts) into its files. */
export function importsOfDomainInternals(graph: ImportGraph): InternalImport[] {
  const found: InternalImport[] = [];
  for (const [file, targets] of graph)
    for (const target of targets) {
      const domain = roomOf(target);
      if (DOMAINS.includes(domain) && roomOf(file) !== domain && target !== `${domain}/index.ts`)
        found.push({ file, target });
    }
  return found;
}
