import { consultedBodies } from "./bodies.ts";
import { findDates } from "./dates.ts";
import { diaryNumberOf } from "./diary-number.ts";
import { fold } from "./fold.ts";
import { labelled } from "./labels.ts";
import { CANNOT_END, isProse, isRemissHeading, LABEL_LINE } from "./line-kinds.ts";
import type { Proposal } from "./proposal.model.ts";
import { matchBodies, spelledAsUnits, type UnitName } from "./units-match.ts";

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
  // A last day for the answers first ("svar … senast"), then any last day ("senast den …").
  const deadlineParagraph =
    paragraphs.find((p) => deadlineIn(p, true) !== null) ??
    paragraphs.find((p) => deadlineIn(p, false) !== null) ??
    null;
  const deadline = deadlineParagraph ? deadlineIn(deadlineParagraph, false) : null;
  const contact = contactOf(lines);
  const found = consultedBodies(lines);
  const { bodies, matches } = spelledAsUnits(
    found,
    matchBodies(found, organisation.units, organisation.name),
    organisation.units,
  );
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
    matches,
  };
}

/**
 * Paragraphs are separated by blank lines, except where a sentence runs on over a page break:
 * a paragraph that ends without a full stop or colon goes on into a next one that starts in
 * lowercase or with a day number ("… senast den" / "17 juni 2016. …").
 */
function toParagraphs(lines: string[]): string[] {
  const out: string[] = [];
  let current: string[] = [];
  for (const line of [...lines, ""]) {
    if (line === "") {
      if (current.length > 0) out.push(current.join(" ").replace(/\s+/g, " "));
      current = [];
    } else {
      const previous = out.at(-1);
      if (current.length === 0 && previous && !/[.!?:]$/.test(previous) && RUNS_ON.test(line))
        current.push(out.pop() ?? "");
      current.push(line);
    }
  }
  return out;
}

const RUNS_ON = /^(\p{Ll}|\d{1,2}:?[ae]?\s+\p{L})/u;

// --- dates ---------------------------------------------------------------------------------

/** Words that set a last day: "senast", "svar önskas", "remisstiden går ut", "ska ha kommit in". */
const DEADLINE_WORDS =
  /\b(senast|sista (svars)?dag(en)?|svarsdag(en)?|svarsdatum|tillhanda|remisstid(en)?|(svar|svaret|svaren|yttrande|yttrandet|yttranden|remissvar(et|en)?|synpunkter(na)?) (onskas|emotses)|(kommit|inkommit) in|inkommit|inkomma|svarstid(en)?|inte senare an)\b/;
/** Words that tie a last day to the answers, not to something else ("träder i kraft senast …"). */
const ANSWER_WORDS =
  /\b(svar\w*|remissvar\w*|yttrande\w*|synpunkter\w*|remisstid\w*|tillhanda|inkom\w*|kommit in|besvara\w*|svarsdag\w*|svarsdatum)\b/;

/** The date of the first sentence that sets a last day ("senast den 17 oktober 2016"), with `ofAnswers` one for the answers. */
function deadlineIn(paragraph: string, ofAnswers: boolean): string | null {
  for (const sentence of paragraph.split(/(?<=[.!?])\s+(?=\p{Lu})/u)) {
    const m = DEADLINE_WORDS.exec(fold(sentence));
    if (!m || (ofAnswers && !ANSWER_WORDS.test(fold(sentence)))) continue;
    const dates = findDates(sentence);
    const after = dates.find((d) => d.index >= (m.index ?? 0)) ?? dates[0];
    if (after) return after.iso;
  }
  return null;
}

const DATE_LABEL = /^(datum|vart datum|date|remissdatum|utskicksdatum)\b\.?:?/;

function dateSentOf(lines: string[], deadline: string | null): string | null {
  for (const value of labelled(lines, DATE_LABEL)) {
    const d = findDates(value)[0];
    if (d) return d.iso;
  }
  // "Göteborg den 5 april 2019", or the first date of the letterhead.
  for (const line of lines.slice(0, 30)) {
    if (DEADLINE_WORDS.test(fold(line)) || /^(ert|er) /.test(fold(line))) continue;
    const d = findDates(line)[0];
    if (d && d.iso !== deadline) return d.iso;
  }
  return null;
}

// --- title and sender ----------------------------------------------------------------------

/** The subject's own label ("Ärende: …", "Ämne: …"), stronger than any heading. */
const SUBJECT_LABEL = /^(arende|amne|angaende|rubrik)\s*:/;
/** "Angående remissen om X" names X. */
const ABOUT = /^angaende\s+(remiss(en)?\s+(om|av|angaende)\s+)?/;

function titleOf(lines: string[]): string | null {
  const k = lines.findIndex((l) => SUBJECT_LABEL.test(fold(l)));
  if (k >= 0) {
    const value = continued(lines, k).replace(/^[^:]*:\s*/, "");
    if (value) return value;
  }
  const about = lines.findIndex((l) => ABOUT.test(fold(l)) && isHeadingLike(l));
  if (about >= 0) {
    const whole = continued(lines, about);
    const cut = ABOUT.exec(fold(whole))?.[0].length ?? 0;
    return whole.slice(cut);
  }
  const i = lines.findIndex(isRemissHeading);
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
