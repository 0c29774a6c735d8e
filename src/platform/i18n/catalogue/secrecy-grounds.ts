import { defineMessages } from "../define.ts";

/** Secrecy grounds (issue 14): the list of OSL provisions a marking is chosen from. */
export const secrecyGrounds = defineMessages(
  {
    "nav.secrecy_grounds": "Sekretessgrunder",
    "document.secrecy_ground_unknown":
      "Välj sekretessgrunden ur listan över bestämmelser i offentlighets- och sekretesslagen, till exempel ”21 kap. 3 § OSL”. Fritext godtas inte; saknas bestämmelsen kan en administratör lägga till den.",
    // A soft hyphen: the one long word must break to fit a 320 px wide screen (WCAG 1.4.10).
    "secrecy_ground.list_title": "Sekretess\u00adgrunder",
    "secrecy_ground.intro":
      "Bestämmelser i offentlighets- och sekretesslagen (2009:400) som en handlings sekretessmarkering väljs ur. En bestämmelse som inte längre används avvecklas; den tas aldrig bort, och handlingar som redan är markerade med den behåller den.",
    "secrecy_ground.caption": "Sekretessgrunder i lagens ordning",
    "secrecy_ground.citation": "Bestämmelse",
    "secrecy_ground.name": "Kort benämning",
    "secrecy_ground.name_hint": "Vad bestämmelsen skyddar, till exempel ”skyddad identitet”",
    "secrecy_ground.status": "Status",
    "secrecy_ground.in_use": "I bruk",
    "secrecy_ground.retired": "Avvecklad",
    "secrecy_ground.documents": "Markerade handlingar",
    "secrecy_ground.action": "Ändra",
    "secrecy_ground.none": "Listan har inga bestämmelser.",
    "secrecy_ground.retire_label": "Avveckla {citation}",
    "secrecy_ground.reinstate_label": "Ta {citation} i bruk igen",
    "secrecy_ground.add_heading": "Lägg till en bestämmelse",
    "secrecy_ground.chapter": "Kapitel",
    "secrecy_ground.section": "Paragraf",
    "secrecy_ground.section_hint": "Paragrafens nummer, med bokstav för en inskjuten paragraf: 3 eller 1 a",
    "secrecy_ground.paragraph": "Stycke eller punkt (frivilligt)",
    "secrecy_ground.paragraph_hint":
      "Om grunden bara avser en del av paragrafen, till exempel ”andra stycket”",
    "secrecy_ground.add": "Lägg till",
    "secrecy_ground.chapter_invalid": "Ange kapitlet som ett heltal mellan 1 och 99",
    "secrecy_ground.section_invalid":
      "Ange paragrafen som ett nummer, eventuellt med bokstav, till exempel 3 eller 1 a",
    "secrecy_ground.name_required": "Ange en kort benämning",
    "secrecy_ground.duplicate": "{citation} finns redan i listan",
  },
  {
    "nav.secrecy_grounds": "Secrecy grounds",
    "document.secrecy_ground_unknown":
      "Choose the secrecy ground from the list of provisions of the Public Access to Information and Secrecy Act, for example “21 kap. 3 § OSL”. Free text is not accepted; an administrator can add a provision that is missing.",
    "secrecy_ground.list_title": "Secrecy grounds",
    "secrecy_ground.intro":
      "Provisions of the Public Access to Information and Secrecy Act (2009:400) that a document's secrecy marking is chosen from. A provision no longer used is retired; it is never removed, and documents already marked with it keep it.",
    "secrecy_ground.caption": "Secrecy grounds in the order of the act",
    "secrecy_ground.citation": "Provision",
    "secrecy_ground.name": "Short name",
    "secrecy_ground.name_hint": "What the provision protects, in Swedish, for example “skyddad identitet”",
    "secrecy_ground.status": "Status",
    "secrecy_ground.in_use": "In use",
    "secrecy_ground.retired": "Retired",
    "secrecy_ground.documents": "Marked documents",
    "secrecy_ground.action": "Change",
    "secrecy_ground.none": "The list has no provisions.",
    "secrecy_ground.retire_label": "Retire {citation}",
    "secrecy_ground.reinstate_label": "Use {citation} again",
    "secrecy_ground.add_heading": "Add a provision",
    "secrecy_ground.chapter": "Chapter",
    "secrecy_ground.section": "Section",
    "secrecy_ground.section_hint": "The section's number, with a letter for an inserted section: 3 or 1 a",
    "secrecy_ground.paragraph": "Paragraph or point (optional)",
    "secrecy_ground.paragraph_hint":
      "When the ground covers only part of the section, for example “andra stycket”",
    "secrecy_ground.add": "Add",
    "secrecy_ground.chapter_invalid": "Give the chapter as a whole number from 1 to 99",
    "secrecy_ground.section_invalid":
      "Give the section as a number, with a letter if any, for example 3 or 1 a",
    "secrecy_ground.name_required": "Give a short name",
    "secrecy_ground.duplicate": "{citation} is already on the list",
  },
);
