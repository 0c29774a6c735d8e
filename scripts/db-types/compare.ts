import type { ColumnInfo, SchemaInfo } from "./model.ts";

function describe(column: ColumnInfo): string {
  const values = column.values ? ` in (${column.values.join(", ")})` : "";
  return `${column.type}${column.nullable ? " null" : ""}${column.generated ? " generated" : ""}${values}`;
}

/** Where the two databases' schemas differ: missing tables or columns, other types, nullability or values. */
export function schemaDifferences(sqlite: SchemaInfo, postgres: SchemaInfo): string[] {
  const flat = (schema: SchemaInfo) =>
    new Map(
      schema.flatMap((t) =>
        t.columns.map((c, i) => [`${t.name}.${c.name}`, `#${i} ${describe(c)}`] as const),
      ),
    );
  const left = flat(sqlite);
  const right = flat(postgres);
  const differences: string[] = [];
  for (const key of new Set([...left.keys(), ...right.keys()])) {
    const a = left.get(key) ?? "(missing)";
    const b = right.get(key) ?? "(missing)";
    if (a !== b) differences.push(`${key}: SQLite ${a}, PostgreSQL ${b}`);
  }
  return differences;
}
