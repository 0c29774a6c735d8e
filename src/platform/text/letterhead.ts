import type { ImageSize } from "../files/image-size.ts";
import { type Locale, translator } from "../i18n/index.ts";

type Docx = typeof import("docx");

/** The unit a letter is written from, as its letterhead and footer print it. */
export interface LetterUnit {
  name: string;
  postalAddress: string | null;
  visitingAddress: string | null;
  phone: string | null;
  web: string | null;
}

/** Who signs a letter: a name and what they are (title or unit). */
export interface Signatory {
  name: string;
  title: string;
}

/**
 * What the city's template needs for one letter: city and logo (configuration), the unit, the
 * case's diary number and the date, the handläggare to contact, the signatories and the language.
 */
export interface Letterhead {
  cityName: string;
  logo: (ImageSize & { bytes: Buffer }) | null;
  unit: LetterUnit | null;
  diaryNumber: string | null;
  /** YYYY-MM-DD; an English letter writes it out ("7 December 2026"). */
  date: string;
  officer: { name: string; email: string | null; phone: string | null } | null;
  signatories: Signatory[];
  language: Locale;
}

/** Text width of an A4 page with the docx library's default margins (1 inch each side), in twips. */
const TEXT_WIDTH = 11906 - 2 * 1440;
const LOGO_HEIGHT_PX = 48;

/** A date as the letter's language writes it: Swedish letters use the standard form 2026-12-07. */
export function letterDate(date: string, language: Locale): string {
  if (language === "sv") return date;
  return new Date(`${date}T12:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

/** "Sida {page} ({pages})" with Word's own PAGE and NUMPAGES fields in place of the placeholders. */
function pageNumberRun(d: Docx, language: Locale) {
  const { PageNumber, TextRun } = d;
  const parts = translator(language)("letterhead.page")
    .split(/(\{pages?\})/)
    .filter((p) => p !== "")
    .map((p) => (p === "{page}" ? PageNumber.CURRENT : p === "{pages}" ? PageNumber.TOTAL_PAGES : p));
  return new TextRun({ children: parts });
}

/** A header line: text at the left margin and, after a right-aligned tab, text at the right. */
function headerLine(d: Docx, left: string, right: (string | InstanceType<Docx["TextRun"]>)[], bold = false) {
  const { Paragraph, Tab, TabStopType, TextRun } = d;
  return new Paragraph({
    tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
    children: [
      new TextRun({ text: left, bold }),
      ...(right.length > 0 ? [new TextRun({ children: [new Tab()] })] : []),
      ...right.map((r) => (typeof r === "string" ? new TextRun({ text: r }) : r)),
    ],
  });
}

/** The header on every page: logo, city and unit at the left; diary number, date and page at the right. */
function header(d: Docx, l: Letterhead) {
  const { Header, ImageRun, Paragraph } = d;
  const t = translator(l.language);
  const logo = l.logo
    ? [
        new Paragraph({
          children: [
            new ImageRun({
              type: l.logo.type,
              data: l.logo.bytes,
              transformation: {
                height: LOGO_HEIGHT_PX,
                width: Math.round((LOGO_HEIGHT_PX * l.logo.width) / Math.max(1, l.logo.height)),
              },
              altText: { name: l.cityName, title: l.cityName, description: l.cityName },
            }),
          ],
        }),
      ]
    : [];
  return new Header({
    children: [
      ...logo,
      headerLine(
        d,
        l.cityName,
        l.diaryNumber ? [t("letterhead.diary_number", { number: l.diaryNumber })] : [],
        true,
      ),
      headerLine(d, l.unit?.name ?? "", [letterDate(l.date, l.language)]),
      headerLine(d, "", [pageNumberRun(d, l.language)]),
    ],
  });
}

/** The footer on every page: the unit's name, addresses, phone and web. */
function footer(d: Docx, l: Letterhead) {
  const { BorderStyle, Footer, Paragraph, TextRun } = d;
  const t = translator(l.language);
  const u = l.unit;
  const lines = u
    ? [
        [u.name, u.postalAddress && t("letterhead.postal_address", { address: u.postalAddress })],
        [
          u.visitingAddress && t("letterhead.visiting_address", { address: u.visitingAddress }),
          u.phone && t("letterhead.phone", { phone: u.phone }),
          u.web,
        ],
      ]
    : [[l.cityName]];
  return new Footer({
    children: lines
      .map((parts) => parts.filter((p): p is string => !!p).join(" · "))
      .filter((line) => line !== "")
      .map(
        (line, i) =>
          new Paragraph({
            ...(i === 0
              ? { border: { top: { style: BorderStyle.SINGLE, size: 4, color: "808080", space: 4 } } }
              : {}),
            children: [new TextRun({ text: line, size: 16 })],
          }),
      ),
  });
}

/** The handläggare to contact, above the title of the first page. */
function officerBlock(d: Docx, l: Letterhead) {
  const { Paragraph, TextRun } = d;
  if (!l.officer) return [];
  const t = translator(l.language);
  const o = l.officer;
  const lines = [
    o.name,
    ...(o.phone ? [t("letterhead.phone", { phone: o.phone })] : []),
    ...(o.email ? [t("letterhead.email", { email: o.email })] : []),
  ];
  return [
    new Paragraph({ children: [new TextRun({ text: t("letterhead.officer"), bold: true, size: 18 })] }),
    ...lines.map((text) => new Paragraph({ children: [new TextRun({ text, size: 18 })] })),
    new Paragraph({ text: "" }),
  ];
}

/** The signatory block at the end: room to sign, then each signatory's name and title. */
function signatureBlock(d: Docx, l: Letterhead) {
  const { Paragraph, TextRun } = d;
  return l.signatories.flatMap((s) => [
    new Paragraph({ text: "" }),
    new Paragraph({ text: "" }),
    new Paragraph({ children: [new TextRun({ text: s.name, bold: true })] }),
    new Paragraph({ text: s.title }),
  ]);
}

/** The template's parts of a Word document: header and footer of every page, the blocks before and after the text. */
export function letterheadParts(d: Docx, l: Letterhead) {
  return {
    headers: { default: header(d, l) },
    footers: { default: footer(d, l) },
    before: officerBlock(d, l),
    after: signatureBlock(d, l),
  };
}
