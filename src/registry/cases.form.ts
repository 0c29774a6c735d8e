import { formFields } from "../web/forms.ts";

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

/** The case fields of a posted form, without the CSRF token and with date and parties parsed. */
export function caseInputFromForm(body: unknown): Record<string, unknown> {
  const { parties, ...fields } = formFields(body);
  return parties === undefined ? fields : { ...fields, parties: partiesFromText(parties) };
}
