import { defineMessages } from "../define.ts";

/** A diary-number series that holds (issue 17, R8): future years, backdating, skipped numbers. */
export const diarySeries = defineMessages(
  {
    "case.opened_on_hint": "Lämna tomt för i dag. Ett tidigare år kräver behörighet och ett skäl.",
    "case.backdate_reason": "Skäl till att ärendet registreras i ett tidigare år",
    "case.backdate_reason_hint":
      "Krävs när ärendet får ett nytt nummer i ett tidigare år. Skälet sparas i historiken.",
    "case.future_year": "Diarienummer kan inte ges för ett år efter {year}",
    "case.backdate_not_allowed":
      "Bara registratorer kan registrera ett ärende i ett år före {year}. Kontakta registraturen.",
    "case.backdate_reason_required": "Skriv varför ärendet registreras i ett tidigare år",
    "case.diary_number_skips":
      "Numret hoppar över {count} nummer i serien (nästa är {next}). Bekräfta att numren ska hoppas över.",
    "case.confirm_skip_legend": "Hoppa över nummer i serien",
    "case.confirm_skip": "Ja, registrera ärendet med det angivna numret",
  },
  {
    "case.opened_on_hint": "Leave empty for today. An earlier year needs permission and a reason.",
    "case.backdate_reason": "Why the case is registered in an earlier year",
    "case.backdate_reason_hint":
      "Required when the case gets a new number in an earlier year. The reason is kept in the history.",
    "case.future_year": "Diary numbers cannot be given for a year after {year}",
    "case.backdate_not_allowed":
      "Only registrators can register a case in a year before {year}. Contact the registry.",
    "case.backdate_reason_required": "Say why the case is registered in an earlier year",
    "case.diary_number_skips":
      "The number skips {count} numbers of the series (the next is {next}). Confirm that they are to be skipped.",
    "case.confirm_skip_legend": "Skip numbers of the series",
    "case.confirm_skip": "Yes, register the case with the number given",
  },
);
