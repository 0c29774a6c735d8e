import { type DateRange, findDates, findRange, findYearlessDates } from "../platform/text/swedish-dates.ts";
import { consultedBodies } from "./bodies.ts";
import { bodiesInProse } from "./bodies-prose.ts";
import { diaryNumberOf } from "./diary-number.ts";
import { fold } from "./fold.ts";
import { labelled } from "./labels.ts";
import { CANNOT_END, isProse, isRemissHeading, LABEL_LINE } from "./line-kinds.ts";
import type { Proposal } from "./proposal.model.ts";
import { publicBodyName } from "./public-bodies.ts";
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
  // A day written without its year ("senast den 28 februari") is read against the document's first date.
  const reference = findDates(text)[0]?.iso ?? null;
  const period = periodOf(paragraphs, reference);
  // The last day for the answers first, then any last day; days with their year before days without.
  const passes: [boolean, string | null][] = [
    [true, null],
    [true, reference],
    [false, null],
  ];
  const found = passes
    .flatMap(([ofAnswers, ref]) =>
      paragraphs.map((p) => ({ paragraph: p, date: deadlineIn(p, ofAnswers, ref) })),
    )
    .find((x) => x.date !== null);
  const deadlineParagraph = found?.paragraph ?? null;
  const deadline = found?.date ?? period?.end ?? null;
  const contact = contactOf(lines);
  const listed = consultedBodies(lines);
  const named = listed.length > 0 ? listed : bodiesInProse(paragraphs);
  const ours = spelledAsUnits(
    named,
    matchBodies(named, organisation.units, organisation.name),
    organisation.units,
  );
  const matches = ours.matches;
  // A body that is not one of our units is written as the register of public bodies names it.
  const bodies = ours.bodies.map((b) => (matches.some((m) => m.body === b) ? b : (publicBodyName(b) ?? b)));
  return {
    title: titleOf(lines),
    diary_number: diaryNumberOf(lines),
    sender_organisation: senderOf(lines),
    date_sent: dateSentOf(lines, paragraphs, deadline, period),
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

/** A letterhead line is short: a longer line with a date is prose about something else. */
const LETTERHEAD_WORDS = 10;
/** How far into the text a dateline is looked for (the top of the first page). */
const DATELINE_REACH = 800;

const RUNS_ON = /^(\p{Ll}|\d{1,2}:?[ae]?\s+\p{L})/u;

// --- dates ---------------------------------------------------------------------------------

/** Words that set a last day: "senast", "svar önskas", "remisstiden går ut", "ska ha kommit in", "fram till". */
const DEADLINE_WORDS =
  /\b(senast|sista (svars)?dag(en)?|sista datum|svarsdag(en)?|svarsdatum|tillhanda|remisstid(en)?|(svar|svaret|svaren|yttrande|yttrandet|yttranden|remissvar(et|en)?|synpunkter(na)?) (onskas|emotses)|(kommit|inkommit) in|inkommit|inkomma|svarstid(en)?|inte senare an|fram till( och med)?|remisshanteras)\b/;
/** How far before the deadline words a date may stand and still be theirs. */
const DATE_BEFORE_WORDS = 60;
/** "senast" of a web page's own dates ("Sidan senast uppdaterad: 2020-12-16"). */
const NOT_A_DEADLINE = /\bsenast (uppdaterad|andrad|granskad)/;
/** Words that tie a last day to the answers, not to something else ("träder i kraft senast …"). */
const ANSWER_WORDS =
  /\b(svar\w*|remissvar\w*|(remiss)?yttrande\w*|synpunkt\w*|remisstid\w*|tillhanda|inkom\w*|kommit in|besvara\w*|svarsdag\w*|svarsdatum|tycka till|remisshanteras|yttra\w* sig)\b/;
/** A report due from whoever was given a task ("Trafikverket ska redovisa uppdraget … senast den 13 juni 2013"): no last day of a consultation. */
const REPORT_DUE = /\bredovisa\w*\b/;

/**
 * The date of the first sentence that sets a last day ("senast den 17 oktober 2016"), with
 * `ofAnswers` one for the answers; with a `reference`, days written without a year count too.
 */
function deadlineIn(paragraph: string, ofAnswers: boolean, reference: string | null): string | null {
  for (const sentence of sentencesOf(paragraph)) {
    const m = DEADLINE_WORDS.exec(fold(sentence));
    const folded = fold(sentence);
    const ofTheAnswers = ANSWER_WORDS.test(folded);
    if (!m || NOT_A_DEADLINE.test(folded) || ((ofAnswers || REPORT_DUE.test(folded)) && !ofTheAnswers))
      continue;
    const dates = reference ? findYearlessDates(sentence, reference) : findDates(sentence);
    // The date after the words, or one just before them ("den 15 mars är sista dag för svar").
    const after =
      dates.find((d) => d.index >= (m.index ?? 0)) ??
      dates.findLast((d) => (m.index ?? 0) - d.index <= DATE_BEFORE_WORDS);
    if (after) return after.iso;
  }
  return null;
}

const sentencesOf = (paragraph: string) => paragraph.split(/(?<=[.!?])\s+(?=\p{Lu})/u);

/** Words that name a consultation's period ("Remissperioden pågår från 7 maj till 30 oktober 2020"). */
const PERIOD_WORDS =
  /\b(remissperiod\w*|remisstid\w*|samradstid\w*|samradsperiod\w*|samrad\w*\b.{0,40}\b(pagar|pagick|agde rum|genomfors)|(pagar|pagick) samrad|(genomfor|genomfors|haller) samrad|(pa|ute pa) remiss|tycka till)\b/;

/** The first period a consultation is said to run over: its start is the day sent, its end the last day. */
function periodOf(paragraphs: readonly string[], reference: string | null): DateRange | null {
  for (const p of paragraphs)
    for (const sentence of sentencesOf(p)) {
      if (!PERIOD_WORDS.test(fold(sentence))) continue;
      const range = findRange(sentence, reference);
      if (range) return range;
    }
  return null;
}

const DATE_LABEL = /^(datum|vart datum|date|remissdatum|utskicksdatum)\b\.?:?/;
/** A sentence that tells when the consultation was sent ("beslutade den 28 oktober 2021 att sända förslaget på remiss"). */
const SENT_WORDS =
  /\b((sanda|skicka|skickas|skickade|skickades|skickats)( ut)?( forslaget| det| remissen)? pa remiss|remitterades|(gar|gick) ut pa remiss|publicerat|begara in synpunkter|overlamnar denna remiss|lagradsremiss den|beslutat (att )?inhamta)\b/;
/** A dateline: "Stockholm den 4 juni 2015", "Göteborg den 5 april 2019" (a place, not "Mellan den …"). */
const DATELINE =
  /\b(?!(?:Mellan|Fram|Från|Till|Efter|Före|Innan|Sedan|Under|Enligt|Senast|Och|Men)\b)\p{Lu}\p{Ll}+ den (\d{1,2} \p{L}+ \d{4})/u;
/**
 * A date of the page or of a meeting, not of the letter: "Publicerad: 15 juni 2020",
 * "Sidan uppdaterad …", "Möte 2021-02-03", a date with its clock time ("2016-08-11 13:48").
 */
/** A date and nothing after it: ISO, 18.3.2016, "18 mars 2016", "18:e mars 2016". */
const DATE_ENDS_LINE =
  /^(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./ ]\s*\d{4}|\d{1,2}:?[ae]?\s+\p{L}+\.?\s+\d{4})[\s.,)"”']*$/u;
const NOT_A_LETTER_DATE = /\b(publicer\w*|uppdater\w*|andrad|mote|sammantrade)\b/;

function dateSentOf(
  lines: string[],
  paragraphs: readonly string[],
  deadline: string | null,
  period: DateRange | null,
): string | null {
  for (const value of labelled(lines, DATE_LABEL)) {
    const d = findDates(value)[0];
    if (d) return d.iso;
  }
  for (const p of paragraphs)
    for (const sentence of sentencesOf(p)) {
      if (!SENT_WORDS.test(fold(sentence))) continue;
      const d = findDates(sentence).find((x) => x.iso !== deadline);
      if (d) return d.iso;
    }
  if (period) return period.start;
  const dateline = DATELINE.exec(lines.join(" ").slice(0, DATELINE_REACH))?.[1];
  const dated = dateline ? findDates(dateline)[0]?.iso : undefined;
  if (dated && dated !== deadline) return dated;
  // "Göteborg den 5 april 2019", or the first date of the letterhead (not a date in prose).
  for (const line of lines.slice(0, 30)) {
    if (DEADLINE_WORDS.test(fold(line)) || /^(ert|er) /.test(fold(line))) continue;
    if (line.split(/\s+/).length > LETTERHEAD_WORDS || NOT_A_LETTER_DATE.test(fold(line))) continue;
    const d = findDates(line)[0];
    // The letterhead's date ends its line ("Datum 2016-03-18", "Stockholm 2016-03-18"); a date
    // with words or a time after it is part of something else ("Remisskonferens 3 juni 2016 Hampus …").
    if (d && d.iso !== deadline && DATE_ENDS_LINE.test(line.slice(d.index))) return d.iso;
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
  /\b(kontaktperson|presskontakt|handlaggare|upplysningar|fragor|kontakta|besvaras av|stallas till)\b|^kontakt\b|\bkontakt:|^att:/;
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
  // No label: a name on its own line just above a telephone line (the Government Offices' header),
  // or a signature: a name and title above e-mail and phone lines ("Maud Ericson Strateg" / "E-post" / "Mobil").
  for (let i = 1; i < lines.length; i++) {
    if (!/^(telefon|tfn|tel|mobil|e-post)\b/.test(fold(lines[i] ?? ""))) continue;
    const line = lines[i - 1] ?? "";
    const name = firstName(line);
    const signed = /^(mobil|e-post)/.test(fold(lines[i] ?? "")) ? nameOfSignature(line) : null;
    if ((name && name === line) || signed) {
      const around = lines.slice(i, i + 4).join("\n");
      return {
        name: signed ?? name,
        phone: PHONE.exec(around)?.[0] ?? null,
        email: around.match(EMAIL)?.[0] ?? null,
      };
    }
  }
  return { name: null, phone: null, email: null };
}

/** The name that starts a signature line: two capitalised words, then a title ("Maud Ericson Strateg Infrastruktur"). */
function nameOfSignature(line: string): string | null {
  const m = /^(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)? \p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)(?: \S+){0,3}$/u.exec(line);
  return m?.[1] && !NOT_A_NAME.test(m[1]) ? m[1] : null;
}

function firstName(text: string): string | null {
  for (const m of text.matchAll(new RegExp(NAME.source, "gu"))) if (!NOT_A_NAME.test(m[0])) return m[0];
  return null;
}

const REPLY_WORDS =
  /\b(svar|svaret|svaren|remissvar|remissvaren|yttrande|yttrandet|synpunkter|skicka|skickas|lamnas)\b/;

function replyToOf(paragraphs: string[], contactEmail: string | null): string | null {
  for (const [i, p] of paragraphs.entries()) {
    for (const sentence of p.split(/(?<=[.!?])\s+/)) {
      if (!REPLY_WORDS.test(fold(sentence)) || CONTACT_LABEL.test(fold(sentence))) continue;
      const email = (sentence.match(EMAIL) ?? []).find((e) => e !== contactEmail);
      if (email) return email.replace(/\.$/, "");
      // "Skicka ditt svar via e-post." with the address on a line of its own below.
      if (!/\be-post|mejl|mail\b/.test(fold(sentence))) continue;
      for (const next of paragraphs.slice(i + 1, i + 1 + ADDRESS_REACH)) {
        const below = (next.match(EMAIL) ?? []).find((e) => e !== contactEmail);
        if (below && /^(e-post|epost|mejl|mail)\b/.test(fold(next))) return below.replace(/\.$/, "");
      }
    }
  }
  return null;
}

/** How many paragraphs below a "send it by e-mail" sentence its address may stand. */
const ADDRESS_REACH = 4;
