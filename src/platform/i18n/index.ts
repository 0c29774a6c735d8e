import { isOneOf } from "../validation.ts";
import { auth } from "./catalogue/auth.ts";
import { classification } from "./catalogue/classification.ts";
import { common } from "./catalogue/common.ts";
import { consultation } from "./catalogue/consultation.ts";
import { consultationRound } from "./catalogue/consultation-round.ts";
import { copyRequests } from "./catalogue/copy-requests.ts";
import { diarySeries } from "./catalogue/diary-series.ts";
import { disposal } from "./catalogue/disposal.ts";
import { engagement } from "./catalogue/engagement.ts";
import { events } from "./catalogue/events.ts";
import { exports } from "./catalogue/exports.ts";
import { followup } from "./catalogue/followup.ts";
import { importer } from "./catalogue/import.ts";
import { incoming } from "./catalogue/incoming.ts";
import { letterhead } from "./catalogue/letterhead.ts";
import { mailIntake } from "./catalogue/mail-intake.ts";
import { meetings } from "./catalogue/meetings.ts";
import { organisation } from "./catalogue/organisation.ts";
import { publicEngagements } from "./catalogue/public-engagements.ts";
import { registry } from "./catalogue/registry.ts";
import { reports } from "./catalogue/reports.ts";
import { search } from "./catalogue/search.ts";
import { secrecyGrounds } from "./catalogue/secrecy-grounds.ts";
import { worklist } from "./catalogue/worklist.ts";

export const LOCALES = ["sv", "en"] as const;
export type Locale = (typeof LOCALES)[number];

const sv = {
  ...common.sv,
  ...auth.sv,
  ...organisation.sv,
  ...registry.sv,
  ...search.sv,
  ...copyRequests.sv,
  ...disposal.sv,
  ...exports.sv,
  ...meetings.sv,
  ...consultation.sv,
  ...consultationRound.sv,
  ...engagement.sv,
  ...publicEngagements.sv,
  ...importer.sv,
  ...followup.sv,
  ...secrecyGrounds.sv,
  ...worklist.sv,
  ...mailIntake.sv,
  ...events.sv,
  ...diarySeries.sv,
  ...incoming.sv,
  ...classification.sv,
  ...letterhead.sv,
  ...reports.sv,
};
const en: Record<keyof typeof sv, string> = {
  ...common.en,
  ...auth.en,
  ...organisation.en,
  ...registry.en,
  ...search.en,
  ...copyRequests.en,
  ...disposal.en,
  ...exports.en,
  ...meetings.en,
  ...consultation.en,
  ...consultationRound.en,
  ...engagement.en,
  ...publicEngagements.en,
  ...importer.en,
  ...followup.en,
  ...secrecyGrounds.en,
  ...worklist.en,
  ...mailIntake.en,
  ...events.en,
  ...diarySeries.en,
  ...incoming.en,
  ...classification.en,
  ...letterhead.en,
  ...reports.en,
};
const catalogues: Record<Locale, Record<MessageKey, string>> = { sv, en };

export type MessageKey = keyof typeof sv;
export type Params = Record<string, string | number>;
/** Looks up a message in the request's language and fills in `{name}` placeholders. */
export type Translate = (key: MessageKey, params?: Params) => string;

export function isLocale(value: unknown): value is Locale {
  return isOneOf(LOCALES, value);
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(sv, value);
}

export function translator(locale: Locale): Translate {
  const messages = catalogues[locale];
  return (key, params) => {
    const text = messages[key];
    return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole)) : text;
  };
}

/** The first supported language in an Accept-Language header, by quality. */
export function fromAcceptLanguage(header: string | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...rest] = part.trim().split(";");
      const q = rest.find((p) => p.trim().startsWith("q="));
      return { lang: tag.trim().toLowerCase().split("-")[0], q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) {
    if (isLocale(lang)) return lang;
  }
  return null;
}

const collators: Record<Locale, Intl.Collator> = {
  sv: new Intl.Collator("sv"),
  en: new Intl.Collator("en"),
};
/** Sorting the way Swedish readers expect (å, ä, ö after z). */
export const compareText = (locale: Locale) => collators[locale].compare;
