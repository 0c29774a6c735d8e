/**
 * Swedish personal identity numbers (and co-ordination numbers, day + 60) in free text:
 * YYMMDD-NNNN, YYMMDD+NNNN, YYYYMMDDNNNN, with a dash, plus, space or nothing between.
 * A number whose month or day cannot be a birth date (an organisation number has a month
 * of 20 or more) is left alone.
 */
const CANDIDATE = /(?<!\d)(?:19|20)?(\d{2})(\d{2})(\d{2})[-+ ]?(\d{4})(?!\d)/g;

const MASK = "******-****";

function couldBeBirthDate(month: number, day: number): boolean {
  const d = day > 60 ? day - 60 : day;
  return month >= 1 && month <= 12 && d >= 1 && d <= 31;
}

/** The text with every personal identity number replaced by a mask (R9). */
export function maskPersonalNumbers(text: string): string {
  return text.replace(CANDIDATE, (match, _yy: string, mm: string, dd: string) =>
    couldBeBirthDate(Number(mm), Number(dd)) ? MASK : match,
  );
}
