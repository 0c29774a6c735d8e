import { fold } from "./fold.ts";
import { CANNOT_END, isProse, isRemissHeading, LABEL_LINE } from "./line-kinds.ts";

/**
 * The consulted bodies (remissinstanser) of a cover letter, one string each, as written. Pure.
 * A list follows a heading (Remissinstanser, Sändlista, "Remissen har skickats till:") as plain,
 * numbered or bulleted lines, under group headings, as items separated by semicolons, or with an
 * item wrapped over two lines; it ends at prose, a closing, or a copy list ("Kopia till").
 */
export function consultedBodies(lines: readonly string[]): string[] {
  const bodies: string[] = [];
  lines.forEach((line, i) => {
    if (!isListHeading(line)) return;
    for (const item of itemsOf(listLines(lines, i)))
      if (item && item.split(/\s+/).length <= 10 && !NO_NAME.test(item) && !bodies.includes(item))
        bodies.push(item);
  });
  return bodies;
}

/** An address or a clause is no body's name ("ruf.registrator@regiondalarna.se", "Och även hur du …"). */
export const NO_NAME = /@|^(och|men|eller|att|som|det|den|du|vi|ni)\s/i;

const LIST_HEADING =
  /^(remissinstanser(na)?|sandlista(n)?|remitteringsmapp(en)?|remissmottagare|remisslista(n)?|utsandningslista(n)?|mottagare|remittenter|till|forteckning over remissinstanser|(remissen|forslaget|materialet|remissen har|forslaget har|materialet har) (skickats|sants|skickas|sands|gatt|gar) till( foljande( instanser| remissinstanser| mottagare)?)?)$/;
/** Words that make a line ending in a colon a list heading ("Remissen har skickats till följande:"). */
const LIST_HEADING_WORDS =
  /\b(remissinstans\w*|sandlista\w*|remitteringsmapp\w*|utsandningslista\w*|mottagare|remissmottagare|(skickats|sants|skickas|sands|gatt|gar) till)\b/;
const GROUP_WORDS = new Set([
  "kommuner",
  "regioner",
  "landsting",
  "myndigheter",
  "ovriga",
  "organisationer",
  "bolag",
  "foretag",
  "stadsdelsnamnder",
  "facknamnder",
  "namnder",
  "forvaltningar",
  "lansstyrelser",
  "domstolar",
  "universitet",
  "foreningar",
  "fackforbund",
  "intresseorganisationer",
  "statliga",
  "kommunala",
  "regionala",
  "externa",
  "interna",
]);
const CLOSING = /^(med vanlig|med vanliga|vanliga halsningar|enligt uppdrag|halsningar)/;
/** Lists that follow the bodies but are not theirs: copies, for information, attachments. */
const OTHER_LIST = /^(kopia|for kannedom|bilag(a|or)\b|handlingar\b)/;

/** A list's name followed by a few words of its own ("Sändlista för remissen", "Remissinstanser i urval"). */
const NAMED_LIST = /^(remissinstanser(na)?|sandlista(n)?|remitteringsmapp(en)?|utsandningslista(n)?)\s+\S/;

function isListHeading(line: string): boolean {
  const folded = fold(line)
    .trim()
    .replace(/\s*\([^)]*\)$/, "");
  if (LIST_HEADING.test(folded.replace(/:$/, ""))) return true;
  if (NAMED_LIST.test(folded) && !folded.includes(":") && folded.split(/\s+/).length <= 6 && !isProse(line))
    return true;
  const head = folded.replace(/:.*$/, "").trim();
  return (
    folded.includes(":") && LIST_HEADING_WORDS.test(head) && head.split(/\s+/).length <= 8 && !isProse(head)
  );
}

/**
 * A group heading: a line ending in a colon, one starting with a group word ("Kommuner i
 * Stockholms län", "Övriga"), a group plural alone ("Näringslivsorganisationer"), or a short one ending with a
 * group word in lowercase ("Statliga myndigheter", "Ideella organisationer"; "Sveriges Kommuner
 * och Regioner" is a name).
 */
function isGroupHeading(line: string): boolean {
  if (/:$/.test(line) && !line.includes(";")) return true;
  const words = line.split(/\s+/);
  // Two columns' group headings read as one line ("Facknämnderna Övriga").
  if (words.length === 2 && words.every((w) => isGroupHeading(w))) return true;
  const last = fold(words.at(-1) ?? "");
  return (
    GROUP_WORDS.has(fold(words[0] ?? "")) ||
    (words.length === 1 && (GROUP_PLURALS.test(last) || GROUP_WORDS.has(last.replace(/na$/, "")))) ||
    (words.length <= 4 &&
      /^\p{Ll}/u.test(words.at(-1) ?? "") &&
      (GROUP_WORDS.has(last) || GROUP_PLURALS.test(last)))
  );
}

/** Plurals that name a group of bodies, also as the end of a compound ("Näringslivsorganisationer"; not "förbund", which is also singular: "Hyresgästernas riksförbund"). */
const GROUP_PLURALS =
  /(myndigheter|organisationer|namnder|forvaltningar|kommuner|regioner|foreningar|hogskolor)(na)?$/;
/**
 * A distribution list's own letterhead, repeated on its page ("Dnr: 171-482/2016", "Sida 2 (2)",
 * "Datum: …", "Ärende: …", "För yttrande senast: …"): passed over, not an item and not the end.
 */
const LIST_LETTERHEAD =
  /^(dnr|diarienr|diarienummer|sida \d|datum|arende|for yttrande|svar senast|yttrande senast|remisstid|sista svarsdag)\b/;
const ends = (line: string) =>
  CLOSING.test(fold(line)) || OTHER_LIST.test(fold(line)) || isProse(line) || isRemissHeading(line);
/** A line that may be an item: short, no sentence (an item of a few words may end in a full stop). */
const isListLike = (line: string) => {
  const words = line.split(/\s+/).length;
  return (
    line !== "" &&
    !ends(line) &&
    !LABEL_LINE.test(fold(line)) &&
    words <= 8 &&
    (words <= 5 || !/\.$/.test(line))
  );
};

/**
 * The lines of the list under the heading at `i`; "" marks where an item cannot go on (a blank
 * line or a group heading). A list written on the heading's line ("Sändlista: A; B") may wrap.
 */
function listLines(lines: readonly string[], i: number): string[] {
  const heading = lines[i] ?? "";
  const inline = heading.includes(":") ? heading.slice(heading.indexOf(":") + 1).trim() : "";
  const out: string[] = [];
  let k = i + 1;
  if (inline) {
    out.push(inline);
    for (; k < lines.length && lines[k] !== "" && !isProse(lines[k] ?? ""); k++) out.push(lines[k] ?? "");
    // Written on in a sentence ("Remissen skickas till: A, B, C"): commas separate the bodies.
    const text = out.join(" ");
    return !text.includes(";") && text.split(",").length >= 3 ? [text.replace(/,/g, ";")] : out;
  }
  while (k < lines.length && lines[k] === "") k++;
  for (; k < lines.length; k++) {
    const l = lines[k] ?? "";
    if (l === "") {
      // A blank line ends the list unless more of it follows (Word gives a blank line after
      // every paragraph, so one item a paragraph is common).
      const next = lines.slice(k + 1).find((x) => x !== "") ?? "";
      if (!isListLike(next) && !beforeItems(next, out)) break;
      out.push("");
    } else if (beforeItems(l, out)) {
      out.push("");
    } else if (ends(l) || startsLetterhead(lines, k)) {
      // A sentence going on from the line above: that line was its start, not an item.
      if (/^\p{Ll}/u.test(l) && out.at(-1)) out.pop();
      break;
    } else out.push(isGroupHeading(l) ? "" : l);
  }
  return out;
}

/** The list page's letterhead before its first item. */
const beforeItems = (line: string, out: readonly string[]) =>
  LIST_LETTERHEAD.test(fold(line)) && out.every((x) => x === "");

/**
 * The letterhead of a document that follows the list (a scan of several documents read as one):
 * the sender's logo, a name cut in two ("Stockholms" / "stad"), or its postal address or switchboard.
 */
function startsLetterhead(lines: readonly string[], k: number): boolean {
  const line = cleanItem(lines[k] ?? "");
  if (/^\d{3} ?\d{2} \p{Lu}/u.test(line) || /^(telefon|tfn|vaxel|besoksadress|postadress)\b/.test(fold(line)))
    return true;
  const next = lines.slice(k + 1).find((l) => l !== "") ?? "";
  return /^\p{Lu}\p{Ll}+s$/u.test(line) && /\b(stad|kommun|region|landsting)$/.test(fold(next));
}

/** Numbering (also with its full stop lost), bullets and what OCR makes of bullets ("«", "»«", a lone "e" or "o"). */
const MARKER = /^(\d{1,3}[.)]\s*|\d{1,3}\s+(?=\p{Lu})|[a-z][.)]\s+|[^\p{L}\p{N}]+|[eo]\s+(?=\p{Lu}))/u;
const cleanItem = (item: string) =>
  item
    .replace(MARKER, "")
    .replace(/[.;,]+$/, "")
    .trim();

/** An unmarked line goes on with the item above when that item cannot end there or it starts in lowercase. */
const continues = (previous: string, line: string) =>
  !MARKER.test(line) && (CANNOT_END.test(fold(previous)) || /^\p{Ll}/u.test(line) || COMPANY_FORM.test(line));
/** A company's form wrapped onto a line of its own ("Stockholms Stadshus" / "AB"). */
const COMPANY_FORM = /^(AB|HB|KB|ek\.? ?för\.?)$/;

/** A line of three or more bodies separated by commas ("Solna stad, Nacka kommun, Täby kommun"). */
const isCommaList = (line: string) => line.split(",").length >= 3;

function itemsOf(block: readonly string[]): string[] {
  if (block.some((l) => l.split(";").length >= 2))
    return block.filter(Boolean).join(" ").split(";").map(cleanItem);
  const items: string[] = [];
  let open = false;
  for (const line of block) {
    const previous = items.at(-1);
    if (line === "") open = false;
    else if (isCommaList(line)) {
      items.push(...line.split(","));
      open = false;
    } else if (open && previous !== undefined && continues(previous, line))
      items[items.length - 1] = `${previous} ${line}`;
    else {
      items.push(line);
      open = true;
    }
  }
  return items.map(cleanItem);
}
