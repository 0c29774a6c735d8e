/**
 * The engagement form's fields turned into the shape the API takes, so the page and the API go
 * through the same service and rules. Repeated rows are named `counterparts.0.name` and so on,
 * the paths zod reports errors on; empty rows and rows ticked "Ta bort" are dropped and the rest
 * keep their order, and the form is shown again from the converted values, so error paths and
 * rows line up.
 */
type Body = Record<string, string | string[] | undefined>;

/** The form's groups of repeated rows, and how many rows each may have (as the schema allows). */
export const ROW_GROUPS = { counterparts: 50, financing: 10 } as const;
export type RowGroupName = keyof typeof ROW_GROUPS;
/** How many rows of each group the form shows. */
export type ShownRows = Record<RowGroupName, number>;
const GROUP_NAMES = Object.keys(ROW_GROUPS) as RowGroupName[];

const text = (body: Body, name: string): string => {
  const v = body[name];
  return (Array.isArray(v) ? (v[0] ?? "") : (v ?? "")).trim();
};
/**
 * A number typed with or without spaces, a minus sign or a decimal comma; otherwise the text. The
 * schema then says what is wrong with it: below the least allowed, not whole, or not a number.
 */
const formNumber = (s: string): number | string =>
  /^-?\d[\d\s]*([.,]\d+)?$/.test(s) ? Number(s.replace(/\s/g, "").replace(",", ".")) : s;
const list = (v: string | string[] | undefined): string[] =>
  (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x) => x !== "");

/** The keys of the rows ticked "Ta bort" (`counterparts.1.remove`), as their prefix `counterparts.1.`. */
const removedRows = (body: Body): string[] =>
  Object.keys(body)
    .filter((key) => /^(counterparts|financing)\.\d+\.remove$/.test(key) && text(body, key) === "true")
    .map((key) => key.slice(0, -"remove".length));

/** The group whose "Lägg till" button was pressed (`action=add-counterparts`), or null. */
export const addedRowGroup = (body: Body): RowGroupName | null =>
  GROUP_NAMES.find((g) => text(body, "action") === `add-${g}`) ?? null;

/**
 * How many rows of each group to show again: as many as the form showed (its hidden
 * `counterpartsRows`), less those ticked for removal, plus one where "Lägg till" was pressed; never
 * fewer than are filled in, at least one, at most the group's limit. Without JavaScript.
 */
export function shownRows(body: Body, input: Record<string, unknown>): ShownRows {
  const removed = removedRows(body);
  const added = addedRowGroup(body);
  const out = {} as ShownRows;
  for (const g of GROUP_NAMES) {
    const filled = Array.isArray(input[g]) ? input[g].length : 0;
    const before = Number(text(body, `${g}Rows`)) || filled + 1;
    const gone = removed.filter((p) => p.startsWith(`${g}.`)).length;
    out[g] = Math.min(ROW_GROUPS[g], Math.max(before - gone + (added === g ? 1 : 0), filled, 1));
  }
  return out;
}

function rows(body: Body, prefix: string, fields: string[]): Record<string, string>[] {
  const indices = new Set<number>();
  for (const key of Object.keys(body)) {
    const m = new RegExp(`^${prefix}\\.(\\d+)\\.`).exec(key);
    if (m) indices.add(Number(m[1]));
  }
  const removed = removedRows(body);
  return [...indices]
    .filter((i) => !removed.includes(`${prefix}.${i}.`))
    .sort((a, b) => a - b)
    .map((i) => Object.fromEntries(fields.map((f) => [f, text(body, `${prefix}.${i}.${f}`)])))
    .filter((row) => Object.values(row).some((v) => v !== ""));
}

/**
 * The form as API input. `clearBlank`: on the edit form an empty optional field clears the stored
 * value (null), where on the new form it is simply absent.
 */
export function engagementFromForm(body: Body, opts: { clearBlank: boolean }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const blank = opts.clearBlank ? null : undefined;
  for (const name of [
    "type",
    "title",
    "unitId",
    "officerId",
    "scope",
    "politicalLevel",
    "onBehalfOf",
    "purpose",
  ])
    if (name in body) out[name] = text(body, name);
  for (const name of [
    "mutualBenefit",
    "theme",
    "startDate",
    "endDate",
    "reviewDate",
    "lastReviewedOn",
    "changeReason",
  ]) {
    const v = text(body, name);
    out[name] = v === "" ? (name === "startDate" || name === "changeReason" ? undefined : blank) : v;
  }
  for (const name of ["caseDiaryNumber", "registryId", "classId"])
    if (name in body) out[name] = text(body, name);
  // The picker's ticked units; an engagement from before the picker carries its number hidden.
  out.affectedUnitIds = list(body.affectedUnitIds);
  const units = text(body, "unitsAffected");
  out.unitsAffected = units === "" ? undefined : formNumber(units);
  const cost = text(body, "cost");
  out.cost = cost === "" ? blank : formNumber(cost);
  for (const name of ["addsResourceBurden", "touchesStateRelations", "prioritised", "secret"])
    out[name] = text(body, name) === "true";
  out.directions = list(body.directions);
  out.counterparts = rows(body, "counterparts", ["kind", "name", "country"]);
  out.financing = rows(body, "financing", ["source", "funder", "sharePercent"]).map((f) => ({
    source: f.source,
    ...(f.funder ? { funder: f.funder } : {}),
    sharePercent: f.sharePercent ? formNumber(f.sharePercent) : undefined,
  }));
  // One field per year of the period (`yearCosts.0.amount` beside its hidden year); empty years are
  // left out, and all empty means the total is spread over the period.
  out.yearCosts = rows(body, "yearCosts", ["year", "amount"])
    .filter((y) => y.amount !== "")
    .map((y) => ({ year: formNumber(y.year ?? ""), amount: formNumber(y.amount ?? "") }));
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}
