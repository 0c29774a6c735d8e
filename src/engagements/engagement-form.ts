/**
 * The engagement form's fields turned into the shape the API takes, so the page and the API go
 * through the same service and rules. Repeated rows are named `counterparts.0.name` and so on,
 * the paths zod reports errors on; empty rows are dropped and the rest keep their order, and the
 * form is shown again from the converted values, so error paths and rows line up.
 */
export const COUNTERPART_ROWS = 3;
export const FINANCING_ROWS = 3;

type Body = Record<string, string | string[] | undefined>;

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

function rows(body: Body, prefix: string, fields: string[]): Record<string, string>[] {
  const indices = new Set<number>();
  for (const key of Object.keys(body)) {
    const m = new RegExp(`^${prefix}\\.(\\d+)\\.`).exec(key);
    if (m) indices.add(Number(m[1]));
  }
  return [...indices]
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
