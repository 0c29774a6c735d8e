import { findDates } from "./dates.ts";
import type { Proposal } from "./proposal.model.ts";
import { matchBodies, type UnitName } from "./units-match.ts";

/** The organisation the document is read for: its name and its units. */
export interface Organisation {
  name: string | null;
  units: readonly UnitName[];
}

/**
 * Reads the proposal out of a repaired cover letter (missiv) and its distribution list. Pure.
 * The rules follow how Swedish senders lay out a remiss (domain.md §4): labelled header fields,
 * a "Remiss av …" heading, a deadline sentence with "senast", contact lines, and a list under
 * a heading such as "Remissinstanser" or "Sändlista". Labels are matched with å/ä/ö folded, so a
 * label the repair could not restore ("Var beteckning") still counts.
 */
export function extractProposal(text: string, organisation: Organisation): Proposal {
  const lines = text.split("\n").map((l) => l.trim());
  const paragraphs = toParagraphs(lines);
  const deadlineParagraph = paragraphs.find((p) => deadlineIn(p) !== null) ?? null;
  const deadline = deadlineParagraph ? deadlineIn(deadlineParagraph) : null;
  const contact = contactOf(lines);
  const bodies = consultedBodies(lines);
  return {
    title: titleOf(lines),
    diary_number: diaryNumberOf(lines),
    sender_organisation: senderOf(lines),
    date_sent: dateSentOf(lines, deadline),
    deadline,
    contact_name: contact.name,
    contact_phone: contact.phone,
    contact_email: contact.email,
    reply_to_email: replyToOf(paragraphs, contact.email),
    consulted_bodies: bodies,
    instructions: deadlineParagraph,
    matches: matchBodies(bodies, organisation.units, organisation.name),
  };
}

/** Lower case with å, ä, é and ö folded to a, a, e and o (same length, so indexes still fit). */
export const fold = (s: string) =>
  s.toLowerCase().replace(/[åä]/g, "a").replace(/ö/g, "o").replace(/é/g, "e");

function toParagraphs(lines: string[]): string[] {
  const out: string[] = [];
  let current: string[] = [];
  for (const line of [...lines, ""]) {
    if (line === "") {
      if (current.length > 0) out.push(current.join(" ").replace(/\s+/g, " "));
      current = [];
    } else current.push(line);
  }
  return out;
}

/** The value after a label on the same line, or on the next non-blank line when the label stands alone. */
function labelled(lines: string[], label: RegExp): string[] {
  const values: string[] = [];
  lines.forEach((line, i) => {
    const m = label.exec(fold(line));
    if (!m) return;
    const rest = line
      .slice(m[0].length)
      .replace(/^[\s.:]+/, "")
      .trim();
    if (rest) values.push(rest);
    else {
      const next = lines.slice(i + 1, i + 3).find((l) => l !== "");
      if (next) values.push(next);
    }
  });
  return values;
}

// --- diary number --------------------------------------------------------------------------

const DIARY_LABEL =
  /^(dnr|diarienr|diarienummer|vart dnr|vart diarienummer|var beteckning|beteckning|arendenummer|arendenr|var referens|var ref)\b\.?:?/;
const DIARY_IN_TEXT = /\b(dnr|diarienummer|diarienumret|arendenummer|beteckning)\s*:?\s+/g;
/** An identifier such as Fi2016/01187/K, S2022/03456, TN 2021-0412, 500-12345-2018, 1234/19. */
const DIARY_VALUE =
  /^(?:[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,5}(?:[ -]|(?=\d)))?\d+(?:[/.:-]\d+)*(?:\/[A-Za-zÅÄÖ0-9]+)*(?:[-/][A-Z0-9]{1,4})?/;
const isDate = (s: string) => findDates(s).some((d) => d.index === 0);

function diaryValue(text: string): string | null {
  const m = DIARY_VALUE.exec(text.trim());
  if (!m || isDate(m[0]) || !/\d/.test(m[0]) || !/[/-]|\d{3,}/.test(m[0])) return null;
  return m[0].replace(/[.,;:]+$/, "");
}

function diaryNumberOf(lines: string[]): string | null {
  for (const value of labelled(lines, DIARY_LABEL)) {
    const v = diaryValue(value);
    if (v) return v;
  }
  // A line of its own near the top, as the Government Offices write it ("Fi2016/01187/K").
  for (const line of lines.slice(0, 25)) {
    const v = diaryValue(line);
    if (v && v === line && /[A-Za-z]/.test(v) && v.includes("/")) return v;
  }
  for (const line of lines) {
    for (const m of fold(line).matchAll(DIARY_IN_TEXT)) {
      const v = diaryValue(line.slice((m.index ?? 0) + m[0].length));
      if (v) return v;
    }
  }
  return null;
}

// --- dates ---------------------------------------------------------------------------------

const DEADLINE_WORDS = /\b(senast|sista (svars)?dag|svarsdag|tillhanda|remisstiden)\b/;

/** The date of the first sentence that sets a last day ("senast den 17 oktober 2016"). */
function deadlineIn(paragraph: string): string | null {
  for (const sentence of paragraph.split(/(?<=[.!?])\s+(?=\p{Lu})/u)) {
    const m = DEADLINE_WORDS.exec(fold(sentence));
    if (!m) continue;
    const dates = findDates(sentence);
    const after = dates.find((d) => d.index >= (m.index ?? 0)) ?? dates[0];
    if (after) return after.iso;
  }
  return null;
}

const DATE_LABEL = /^(datum|date|remissdatum|utskicksdatum)\b\.?:?/;

function dateSentOf(lines: string[], deadline: string | null): string | null {
  for (const value of labelled(lines, DATE_LABEL)) {
    const d = findDates(value)[0];
    if (d) return d.iso;
  }
  // "Göteborg den 5 april 2019", or the first date of the letterhead.
  for (const line of lines.slice(0, 30)) {
    if (DEADLINE_WORDS.test(fold(line))) continue;
    const d = findDates(line)[0];
    if (d && d.iso !== deadline) return d.iso;
  }
  return null;
}

// --- title and sender ----------------------------------------------------------------------

const REMISS_HEADING =
  /^(remiss|remittering|remissmissiv)(\s+(av|om|angaende|avseende|gallande|till)\b|\s*[:–-])\s*\S/;
const LABEL_LINE =
  /^(till|datum|dnr|diarie|var |er |handlaggare|kontakt|telefon|tfn|tel|e-post|ert datum|enligt uppdrag|med vanlig|remissinstans|sandlista)/;

function titleOf(lines: string[]): string | null {
  const i = lines.findIndex((l) => REMISS_HEADING.test(fold(l)));
  if (i >= 0) {
    const title = continued(lines, i);
    // "Remiss: X" and "Remiss – X" label the document; "Remiss av X" is its name.
    return title.replace(/^(remiss|remittering)\s*[:–-]\s*/i, "");
  }
  const j = lines.findIndex(
    (l, k) =>
      k > 0 &&
      lines[k - 1] === "" &&
      (lines[k + 1] ?? "") === "" &&
      isHeadingLike(l) &&
      isProse(lines.slice(k + 2).find((x) => x !== "") ?? "") &&
      k < lines.length * 0.6,
  );
  return j >= 0 ? (lines[j] ?? null) : null;
}

function isHeadingLike(line: string): boolean {
  const words = line.split(/\s+/).length;
  return (
    words >= 3 &&
    words <= 20 &&
    !/[.:@]$/.test(line) &&
    !line.includes("@") &&
    !LABEL_LINE.test(fold(line)) &&
    findDates(line).length === 0 &&
    /\p{Ll}/u.test(line)
  );
}

/** A heading with the lines that continue it (a wrapped heading ends at a blank line). */
function continued(lines: string[], i: number): string {
  const parts = [lines[i] ?? ""];
  for (let k = i + 1; k < lines.length && lines[k] !== "" && parts.length < 3; k++) {
    const previous = parts.at(-1) ?? "";
    const next = lines[k] ?? "";
    // A wrapped heading goes on in lowercase or after a word that cannot end it ("för", "–").
    const goesOn = /^[\p{Ll}(]/u.test(next) || CANNOT_END.test(fold(previous));
    if (/[.:]$/.test(previous) || !goesOn || next.split(" ").length > 14) break;
    parts.push(next);
  }
  return parts.join(" ").replace(/\s+/g, " ");
}

const CANNOT_END = /(\s(och|for|av|i|till|om|med|pa|den|det|de|en|ett|samt|vid|fran)|[–,-])$/;

const UMBRELLAS = new Set(["regeringskansliet"]);

function senderOf(lines: string[]): string | null {
  const top = lines.filter((l) => (l.match(/\p{L}/gu) ?? []).length >= 3).slice(0, 3);
  let sender = top[0] ?? null;
  if (sender && UMBRELLAS.has(fold(sender)) && top[1]) sender = top[1];
  if (!sender) return null;
  sender = sender.split(/\s{2,}/)[0] ?? sender;
  // A letterhead in capitals ("UPPSALA KOMMUN") is written as a name.
  if (sender === sender.toUpperCase()) sender = sender.charAt(0) + sender.slice(1).toLowerCase();
  return sender;
}

// --- contact -------------------------------------------------------------------------------

const CONTACT_LABEL =
  /\b(kontaktperson|kontakt|handlaggare|upplysningar|fragor|kontakta|besvaras av|stallas till)\b/;
const NAME =
  /\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?: +(?:af +|von +|de +)?\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?){1,2}/u;
const PHONE = /(?:\+46\s?\d{1,3}|\b0\d{1,3})[-–\s]\d{2,3}(?:\s\d{2,3}){1,3}\b|\b0\d{1,3}-\d{5,8}\b/;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const NOT_A_NAME = /^(Stockholms|Region|Sveriges|Telefon|Med|Enligt|Till|Remiss|Svar)\b/;

interface Contact {
  name: string | null;
  phone: string | null;
  email: string | null;
}

function contactOf(lines: string[]): Contact {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const m = CONTACT_LABEL.exec(fold(line));
    if (!m) continue;
    const below = lines
      .slice(i + 1, i + 8)
      .filter((l) => l !== "")
      .slice(0, 3);
    const window = [line.slice(m.index + m[0].length), ...below];
    // The name on the label's line, on the next one, or wrapped over both.
    const name =
      firstName(window[0] ?? "") ?? firstName(window[1] ?? "") ?? firstName(window.slice(0, 2).join(" "));
    if (!name) continue;
    const around = window.join("\n");
    return { name, phone: PHONE.exec(around)?.[0] ?? null, email: around.match(EMAIL)?.[0] ?? null };
  }
  // No label: a name on its own line just above a telephone line (the Government Offices' header).
  for (let i = 1; i < lines.length; i++) {
    if (!/^(telefon|tfn|tel)\b/.test(fold(lines[i] ?? ""))) continue;
    const name = firstName(lines[i - 1] ?? "");
    if (name && name === lines[i - 1]) {
      const around = lines.slice(i, i + 3).join("\n");
      return { name, phone: PHONE.exec(around)?.[0] ?? null, email: around.match(EMAIL)?.[0] ?? null };
    }
  }
  return { name: null, phone: null, email: null };
}

function firstName(text: string): string | null {
  for (const m of text.matchAll(new RegExp(NAME.source, "gu"))) if (!NOT_A_NAME.test(m[0])) return m[0];
  return null;
}

const REPLY_WORDS =
  /\b(svar|svaret|svaren|remissvar|remissvaren|yttrande|yttrandet|synpunkter|skicka|skickas|lamnas)\b/;

function replyToOf(paragraphs: string[], contactEmail: string | null): string | null {
  for (const p of paragraphs) {
    for (const sentence of p.split(/(?<=[.!?])\s+/)) {
      if (!REPLY_WORDS.test(fold(sentence)) || CONTACT_LABEL.test(fold(sentence))) continue;
      const email = (sentence.match(EMAIL) ?? []).find((e) => e !== contactEmail);
      if (email) return email.replace(/\.$/, "");
    }
  }
  return null;
}

// --- consulted bodies ----------------------------------------------------------------------

const LIST_HEADING =
  /^(remissinstanser(na)?|sandlista(n)?|remitteringsmapp|remissmottagare|remisslista|mottagare|till|forteckning over remissinstanser|(remissen|forslaget|remissen har|forslaget har|materialet har) (skickats|sants|skickas|sands|gar) till)$/;
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
  "intresseorganisationer",
  "statliga",
  "kommunala",
  "regionala",
  "externa",
  "interna",
]);
const CLOSING = /^(med vanlig|med vanliga|vanliga halsningar|enligt uppdrag|halsningar)/;

const isGroupHeading = (line: string) => /:$/.test(line) || GROUP_WORDS.has(fold(line).split(/\s+/)[0] ?? "");

function isProse(line: string): boolean {
  const words = line.split(/\s+/).length;
  return words >= 9 || (/\.$/.test(line) && words >= 5) || line.includes("@") || findDates(line).length > 0;
}

const isListLike = (line: string) =>
  line !== "" &&
  !isProse(line) &&
  !CLOSING.test(fold(line)) &&
  !REMISS_HEADING.test(fold(line)) &&
  !LABEL_LINE.test(fold(line)) &&
  line.split(/\s+/).length <= 8 &&
  !/\.$/.test(line);

const cleanItem = (item: string) =>
  item
    // Numbering, bullets and what OCR makes of bullets ("«", "»«", or a lone "e" or "o").
    .replace(/^(\d{1,3}[.)]\s*|[^\p{L}\p{N}]+|[eo]\s+(?=\p{Lu}))/u, "")
    .replace(/[.;,]+$/, "")
    .trim();

/** Words that make a line ending in a colon a list heading ("Remissen har skickats till följande:"). */
const LIST_HEADING_WORDS =
  /\b(remissinstans\w*|sandlista\w*|remitteringsmapp\w*|mottagare|remissmottagare|(skickats|sants|skickas|sands|gar) till)\b/;

function isListHeading(line: string): boolean {
  const folded = fold(line).trim();
  if (LIST_HEADING.test(folded)) return true;
  const head = folded.replace(/:.*$/, "").trim();
  return (
    folded.includes(":") && LIST_HEADING_WORDS.test(head) && head.split(/\s+/).length <= 8 && !isProse(head)
  );
}

function consultedBodies(lines: string[]): string[] {
  const bodies: string[] = [];
  lines.forEach((line, i) => {
    if (!isListHeading(line)) return;
    const inline = line.includes(":") ? line.slice(line.indexOf(":") + 1).trim() : "";
    let items: string[] = [];
    let k = i + 1;
    if (inline) {
      // A list written on the heading's line ("Sändlista: A; B; C") may wrap onto the next lines.
      let text = inline;
      for (; k < lines.length && lines[k] !== "" && !isProse(lines[k] ?? ""); k++) text += ` ${lines[k]}`;
      items = text.split(";");
    } else {
      while (k < lines.length && lines[k] === "") k++;
      for (; k < lines.length; k++) {
        const l = lines[k] ?? "";
        if (l === "") {
          // A blank line ends the list unless more of it follows (Word gives a blank line after
          // every paragraph, so one item a paragraph is common).
          const next = lines.slice(k + 1).find((x) => x !== "") ?? "";
          if (isListLike(next)) continue;
          break;
        }
        if (CLOSING.test(fold(l)) || isProse(l) || REMISS_HEADING.test(fold(l))) break;
        if (isGroupHeading(l) && !l.includes(";")) continue;
        items.push(...l.split(";"));
      }
    }
    for (const item of items.map(cleanItem))
      if (item && item.split(/\s+/).length <= 10 && !bodies.includes(item)) bodies.push(item);
  });
  return bodies;
}
