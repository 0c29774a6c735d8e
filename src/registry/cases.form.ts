import { readDateInput } from "../web/components/DateInput.tsx";
import { formFields } from "../web/forms.ts";

/** Form answers of a case as strings, and the parties textarea read into parties. */
export type CaseFormValues = Record<string, string>;

/** One party a line, "name, organisation": the form's simple way to enter parties. */
export function partiesFromText(text: string): { name: string; organisation?: string }[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) => {
      const [name = "", ...rest] = line.split(",");
      const organisation = rest.join(",").trim();
      return organisation ? { name: name.trim(), organisation } : { name: name.trim() };
    });
}

const DATE_PARTS = ["openedOn-year", "openedOn-month", "openedOn-day"];

/**
 * A posted case form's answers as strings, the opening date's three parts read into one
 * `openedOn` (an impossible date passed on as typed, so the service reports it).
 */
export function caseFormValues(body: unknown): CaseFormValues {
  const fields = formFields(body);
  if (!DATE_PARTS.some((k) => k in fields)) return fields;
  const rest = Object.fromEntries(Object.entries(fields).filter(([k]) => !DATE_PARTS.includes(k)));
  const date = readDateInput(fields, "openedOn");
  return { ...rest, openedOn: date ?? DATE_PARTS.map((k) => fields[k] ?? "").join("-") };
}

/** The case fields of a posted form, without the CSRF token and with date and parties parsed. */
export function caseInputFromForm(body: unknown): Record<string, unknown> {
  const { parties, ...fields } = caseFormValues(body);
  return parties === undefined ? fields : { ...fields, parties: partiesFromText(parties) };
}
