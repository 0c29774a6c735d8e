import { defineMessages } from "../define.ts";

/** Registering incoming post in one step (issue 17, item 7). */
export const incoming = defineMessages(
  {
    "incoming.title": "Registrera inkommande handling",
    "incoming.intro":
      "Registrera en inkommen handling i ett befintligt ärende eller i ett nytt ärende som öppnas samtidigt.",
    "incoming.case_choice": "Vilket ärende hör handlingen till?",
    "incoming.case_existing": "Ett befintligt ärende",
    "incoming.case_new": "Ett nytt ärende",
    "incoming.existing_heading": "Befintligt ärende",
    "incoming.case_number_hint": "Till exempel KS 2026/12",
    "incoming.new_heading": "Nytt ärende",
    "incoming.document_heading": "Handlingen",
    "incoming.sender": "Avsändare",
    "incoming.submit": "Registrera handlingen",
    "incoming.case_choice_required": "Välj om handlingen hör till ett befintligt eller ett nytt ärende",
    "incoming.case_number_required": "Ange diarienumret för det befintliga ärendet",
    "incoming.case_not_found": "Det finns inget ärende med diarienumret {number}",
    "incoming.case_not_permitted": "Du kan inte registrera handlingar i ärende {number}",
    "incoming.case_closed": "Ärende {number} är avslutat. Öppna det igen innan handlingen registreras.",
  },
  {
    "incoming.title": "Register an incoming document",
    "incoming.intro":
      "Register an incoming document in an existing case, or in a new case opened at the same time.",
    "incoming.case_choice": "Which case does the document belong to?",
    "incoming.case_existing": "An existing case",
    "incoming.case_new": "A new case",
    "incoming.existing_heading": "Existing case",
    "incoming.case_number_hint": "For example KS 2026/12",
    "incoming.new_heading": "New case",
    "incoming.document_heading": "The document",
    "incoming.sender": "Sender",
    "incoming.submit": "Register the document",
    "incoming.case_choice_required": "Choose whether the document belongs to an existing or a new case",
    "incoming.case_number_required": "Enter the diary number of the existing case",
    "incoming.case_not_found": "There is no case with the diary number {number}",
    "incoming.case_not_permitted": "You cannot register documents in case {number}",
    "incoming.case_closed": "Case {number} is closed. Reopen it before registering the document.",
  },
);
