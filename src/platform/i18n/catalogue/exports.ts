import { defineMessages } from "../define.ts";

export const exports = defineMessages(
  {
    "export.list_csv": "Ladda ner som CSV",
    "export.list_xlsx": "Ladda ner som Excel",
    "export.list_sheet": "Diarium",
    "export.document_count": "Antal handlingar",
    "export.too_many_rows":
      "Listan har {count} ärenden, fler än de {max} som kan laddas ner på en gång. Välj diarium, år, enhet eller status för att göra den kortare.",
    "export.archive_case": "Exportera till e-arkiv",
    "export.archive_case_hint":
      "Ett informationspaket (E-ARK SIP med FGS Ärendehantering 2.0) med ärendets registeruppgifter och filer.",
    "export.case_not_closed": "Bara avslutade ärenden kan exporteras till e-arkiv. Avsluta ärendet först.",
    "export.file_damaged":
      "Filen {file} i handling {document} saknas eller är skadad i fillagret. Exporten avbröts och inget sparades.",
    "export.batch_title": "Leverans till e-arkiv",
    "export.batch_intro":
      "Alla ärenden i ett diarium som avslutades ett visst år, i ett informationspaket (E-ARK SIP) enligt FGS Ärendehantering 2.0.",
    "export.batch_submit": "Skapa leveransen",
    "export.registry": "Diarium",
    "export.year": "År då ärendena avslutades",
    "export.year_hint": "Till exempel 2016",
    "export.registry_required": "Välj ett diarium",
    "export.registry_unknown": "Diariet finns inte",
    "export.year_required": "Skriv ett år med fyra siffror, till exempel 2016",
    "export.no_closed_cases": "Diariet har inga ärenden som avslutades {year}",
    "export.too_many_cases":
      "Fler än {max} ärenden avslutades det året, och så många ryms inte i en leverans. Dela upp leveransen.",
    "export.disposed_note": "Filen {file} (version {version}) gallrades {date} och ingår inte i paketet.",
  },
  {
    "export.list_csv": "Download as CSV",
    "export.list_xlsx": "Download as Excel",
    "export.list_sheet": "Register",
    "export.document_count": "Number of documents",
    "export.too_many_rows":
      "The list has {count} cases, more than the {max} that can be downloaded at once. Choose a registry, year, unit or status to make it shorter.",
    "export.archive_case": "Export to e-archive",
    "export.archive_case_hint":
      "An information package (E-ARK SIP with FGS Ärendehantering 2.0) with the case's register data and files.",
    "export.case_not_closed": "Only closed cases can be exported to the e-archive. Close the case first.",
    "export.file_damaged":
      "The file {file} of document {document} is missing or damaged in the file store. The export was stopped and nothing was saved.",
    "export.batch_title": "Delivery to the e-archive",
    "export.batch_intro":
      "All cases of a registry that were closed in a given year, in one information package (E-ARK SIP) following FGS Ärendehantering 2.0.",
    "export.batch_submit": "Create the delivery",
    "export.registry": "Registry",
    "export.year": "Year the cases were closed",
    "export.year_hint": "For example 2016",
    "export.registry_required": "Choose a registry",
    "export.registry_unknown": "The registry does not exist",
    "export.year_required": "Enter a four-digit year, for example 2016",
    "export.no_closed_cases": "The registry has no cases closed in {year}",
    "export.too_many_cases":
      "More than {max} cases were closed that year, too many for one delivery. Split the delivery.",
    "export.disposed_note":
      "The file {file} (version {version}) was disposed of on {date} and is not in the package.",
  },
);
