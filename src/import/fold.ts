/** Lower case with å, ä, é and ö folded to a, a, e and o (same length, so indexes still fit). */
export const fold = (s: string) =>
  s.toLowerCase().replace(/[åä]/g, "a").replace(/ö/g, "o").replace(/é/g, "e");
