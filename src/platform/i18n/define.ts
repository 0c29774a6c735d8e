/** A catalogue of one area: Swedish first, English with exactly the same keys. */
export function defineMessages<const S extends Record<string, string>>(
  sv: S,
  en: { [K in keyof S]: string },
): { sv: S; en: { [K in keyof S]: string } } {
  return { sv, en };
}
