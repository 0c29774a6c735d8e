import { civilDate, isCivilDate } from "../calendar/civil-date.ts";

const PART = /^(.+)-(year|month|day)$/;

/** The three parts of one date input read back: "" when all are empty, `YYYY-MM-DD` when they make a real date, else null. */
export function readDateParts(fields: Record<string, unknown>, name: string): string | null {
  const [y, m, d] = typedParts(fields, name);
  if (!y && !m && !d) return "";
  if (!/^\d{4}$/.test(y) || !/^\d{1,2}$/.test(m) || !/^\d{1,2}$/.test(d)) return null;
  const date = civilDate(Number(y), Number(m), Number(d));
  return isCivilDate(date) ? date : null;
}

function typedParts(fields: Record<string, unknown>, name: string): [string, string, string] {
  const get = (suffix: string) => {
    const value = fields[`${name}-${suffix}`];
    return (Array.isArray(value) ? String(value[0] ?? "") : String(value ?? "")).trim();
  };
  return [get("year"), get("month"), get("day")];
}

/**
 * Every date typed in the pages' three inputs (`name-year`, `name-month`, `name-day`, see
 * DateInput) folded into one `name` field, as the API sends it: `YYYY-MM-DD` for a real date, ""
 * when all three are empty, and otherwise the parts as typed joined by "-", so the service that
 * reads the field reports it as a malformed date in its own words. Done once for every form and
 * query (app hook, readMultipart), so no route reads date parts itself.
 */
export function foldDateParts<V>(fields: Record<string, V>): Record<string, V | string> {
  const names = new Set<string>();
  for (const key of Object.keys(fields)) {
    const name = PART.exec(key)?.[1];
    if (name) names.add(name);
  }
  if (names.size === 0) return fields;
  const folded: Record<string, V | string> = {};
  for (const [key, value] of Object.entries(fields)) {
    const name = PART.exec(key)?.[1];
    if (!name || !names.has(name)) folded[key] = value;
  }
  for (const name of names) {
    folded[name] = readDateParts(fields, name) ?? typedParts(fields, name).join("-");
  }
  return folded;
}
