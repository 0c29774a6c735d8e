import { NO_NAME } from "./bodies.ts";
import { fold } from "./fold.ts";
import { NAMES_WITH_OCH, publicBodyName } from "./public-bodies.ts";

/** Stands for the " och " inside a known name while a list is cut at its last " och ". */
const KEEP = "\u0000";

/**
 * Consulted bodies named in running text rather than in a list, as minutes, officers' reports and
 * web notices write them. Pure.
 * - "Ärendet har remitterats till stadsledningskontoret, fastighetsnämnden och kulturnämnden."
 * - "… har remitterat ärendet X till Stockholms stad för yttrande."
 * - "Förslaget vänder sig i första hand till länets kommuner, Trafikverket och SKR samt andra …"
 * - "Finansdepartementet har bjudit in Stockholms läns landsting att yttra sig …"
 * - "Sala kommun har fått en remiss från Miljödepartementet …"
 * - "Regeringen överlämnar denna remiss till Lagrådet." / "Bland dessa finns A, B och C."
 * - A reply's own body, named in the register of public bodies: "Naturvårdsverket tillstyrker
 *   utredningens förslag", "Transportstyrelsens svar på remiss av …", "Regelrådet lämnar därför
 *   inte något yttrande", "… beslutat att inhämta Lagrådets yttrande".
 */
export function bodiesInProse(paragraphs: readonly string[]): string[] {
  const bodies: string[] = [];
  for (const paragraph of paragraphs)
    for (const sentence of paragraph.split(/(?<=[.!?])\s+(?=\p{Lu})/u))
      for (const item of itemsOf(sentence)) if (!bodies.includes(item)) bodies.push(item);
  return bodies;
}

/** Words that send a consultation to the bodies named after "till" (the folded sentence). */
const SENT_TO =
  /\b(remitterats?|remitterades|remitterat\b[^.;]{0,160}?|skickats|skickades|skickas|sants|sandes|sands|gatt ut|gick ut|gar ut|varit pa remiss|skickar (?:\S+ ){0,2}pa remiss|vander sig(?: i forsta hand)?|overlamnar denna remiss) till:? /;
const INVITED = /\b(?:bjudit in|bjuder in|inbjuds) (.+?) att yttra/;
const RECEIVED =
  /^(.{3,60}?) (?:har (?:fatt|erhallit) (?:en |ett )?(?:remiss|betankande|promemoria|forslag)|lamnar (?:darfor )?(?:inte )?(?:nagot |foljande )?(?:yttrande|remissvar))/;
/** A reply's body taking a stand ("Naturvårdsverket tillstyrker …"): counted only when the register knows it. */
const TAKES_A_STAND =
  /^(.{3,60}?) (?:tillstyrker|avstyrker|finner att|har inga (?:synpunkter|invandningar))\b/;
/** A body's own answer or opinion named by its genitive ("Transportstyrelsens svar på remiss", "inhämta Lagrådets yttrande"). */
const ITS_ANSWER =
  /(?:^|\s)(\p{Lu}\p{Ll}+)s (?:svar på remiss|remissvar|remissyttrande)\b|\binhämta (\p{Lu}\p{Ll}+)s yttrande\b/u;
/** "… har remitterat ärendet X till Stockholms stad för yttrande": the last "till" before the purpose. */
const REMITTED_FOR = /\bremitterat\b.* till (.+?) for (?:yttrande|synpunkter)\b/;
/** Where the answers go is not who is consulted ("Svaret skickas till …", "synpunkter … skickas till"). */
const ABOUT_ANSWERS = /\b(svar\w*|synpunkt\w*|yttrande\w*|remissvar\w*)\b/;
const AMONG = /\bbland dessa finns:? /;

/** Where a list in a sentence ends: its purpose, a relative clause, a catch-all, the sentence's end. */
const LIST_END =
  /\sfor (?:yttrande|synpunkter|kannedom)\b|\s(?:som|vilka|med|att|inom|under|den \d|senast)\s|\s(?:samt|och) (?:andra|ovriga|alla|ett antal|en rad)\b|[.;:(]|$/;
/** Items that are not bodies: a catch-all or a bare count of them ("övriga", "över 80 myndigheter", "kommuner", "sakägare"). */
const NOT_A_BODY =
  /^(?:andra|ovriga|alla|samtliga|berord|flera|en rad|ett antal|over|cirka|ca|drygt|\d|mottagaren|remissinstans)|^(?:myndigheter|kommuner|regioner|organisationer|intresseorganisationer|instanser|aktorer|intressenter|foreningar|foretag|personer|allmanheten|(?:sak|mark|fastighets)agare)$/;

function itemsOf(whole: string): string[] {
  // An aside in brackets is no item, nor the list's end ("sakägare (till exempel markägare), …").
  const sentence = whole.replace(/\s*\([^()]*\)/g, "");
  const folded = fold(sentence);
  const received = RECEIVED.exec(folded);
  const receiver = received?.[1] ? sentence.slice(0, received[1].length) : "";
  if (receiver && /^\p{Lu}/u.test(receiver) && !NO_NAME.test(receiver)) return [receiver];
  const stand = TAKES_A_STAND.exec(folded)?.[1];
  if (stand && publicBodyName(sentence.slice(0, stand.length))) return [sentence.slice(0, stand.length)];
  const answer = ITS_ANSWER.exec(sentence);
  const answering = answer ? (answer[1] ?? answer[2] ?? "") : "";
  if (answer && publicBodyName(answering)) return [answering];
  const invited = INVITED.exec(folded);
  if (invited?.[1]) {
    const at = invited.index + invited[0].indexOf(invited[1]);
    return split(sentence.slice(at, at + invited[1].length));
  }
  const remitted = REMITTED_FOR.exec(folded);
  if (remitted?.[1]) {
    const at = remitted.index + remitted[0].lastIndexOf(` till ${remitted[1]}`) + 6;
    return split(sentence.slice(at, at + remitted[1].length));
  }
  const m = SENT_TO.exec(folded) ?? AMONG.exec(folded);
  if (!m) return [];
  const subject = folded.slice(0, m.index + m[0].length).replace(/\bfor (synpunkter|yttrande)\b/g, "");
  if (ABOUT_ANSWERS.test(subject)) return [];
  // "vänder sig till" also names an audience: only a list with a proper name is a list of bodies.
  if (m[1]?.startsWith("vander")) {
    const start = m.index + m[0].length;
    const items = split(sentence.slice(start, start + (LIST_END.exec(folded.slice(start))?.index ?? 0)));
    return items.some((i) => /^\p{Lu}/u.test(i)) ? items : [];
  }
  const start = m.index + m[0].length;
  const end = LIST_END.exec(folded.slice(start));
  return split(sentence.slice(start, start + (end?.index ?? folded.length - start)));
}

/** "A, B, C och D" as its names (a known name with "och" in it stays whole); items that are no body's name are left out. */
function split(text: string): string[] {
  let list = text;
  for (const name of NAMES_WITH_OCH) {
    const at = fold(list).indexOf(name);
    if (at >= 0)
      list =
        list.slice(0, at) +
        list.slice(at, at + name.length).replace(/ och /g, KEEP) +
        list.slice(at + name.length);
  }
  return list
    .split(/,\s*|(?<!-)\s+och\s+(?=[^,]*$)/)
    .map((s) => s.trim())
    .map((s) => s.replaceAll(KEEP, " och "))
    .filter((s) => s !== "" && s.split(/\s+/).length <= 6 && !NOT_A_BODY.test(fold(s)) && !NO_NAME.test(s));
}
