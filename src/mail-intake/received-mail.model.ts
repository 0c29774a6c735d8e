import { z } from "zod";
import { fileTypeOfName } from "../platform/files/file-type.ts";
import { findDates, findYearlessDates } from "../platform/text/swedish-dates.ts";
import { blankToUndefined } from "../platform/validation.ts";

/** Where a received message stands: waiting for a registrar, or filed one of three ways. */
export const MAIL_STATUSES = ["queued", "answer", "document", "not_public"] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** Why a message waits in the queue instead of being registered on its own. */
export const QUEUE_REASONS = [
  "no_diary_number",
  "several_consultations",
  "unknown_sender",
  "several_bodies",
  "no_answer_file",
  "several_answer_files",
  "file_refused",
  "too_large",
  "malformed",
  "authentication_failed",
  "extension_request",
  "answer_refused",
  "intake_failed",
] as const;
export type QueueReason = (typeof QUEUE_REASONS)[number];

export interface StoredAttachment {
  fileName: string;
  sha256: string;
  size: number;
  mime: string;
}

/** What the sender's mail server found, from `Authentication-Results`: pass, fail, none or another word. */
export interface Authentication {
  spf: string | null;
  dkim: string | null;
  dmarc: string | null;
}

export interface ReceivedMail {
  id: string;
  messageId: string | null;
  receivedAt: string;
  fromAddress: string | null;
  fromName: string | null;
  subject: string;
  bodyText: string;
  emlSha256: string;
  emlSize: number;
  attachments: StoredAttachment[];
  authentication: Authentication;
  status: MailStatus;
  queueReason: QueueReason | null;
  filedAt: string | null;
  documentId: string | null;
  notPublicReason: string | null;
  /** The error taking the message in failed with, when it was set aside after repeated failures. */
  intakeError: string | null;
}

/**
 * The checks of every `Authentication-Results` header, as the receiving server wrote them
 * (RFC 8601: `mx.example; spf=pass smtp.mailfrom=…; dkim=fail …`). When a check is named twice
 * the worst result counts, so a forger cannot add a passing header of their own and win.
 */
export function readAuthentication(headers: readonly string[]): Authentication {
  const found: Authentication = { spf: null, dkim: null, dmarc: null };
  for (const header of headers) {
    for (const m of header.matchAll(/\b(spf|dkim|dmarc)\s*=\s*([a-z]+)/gi)) {
      const method = (m[1] ?? "").toLowerCase() as keyof Authentication;
      const result = (m[2] ?? "").toLowerCase();
      if (found[method] !== "fail") found[method] = result;
    }
  }
  return found;
}

/** A failed SPF, DKIM or DMARC check: the sender may be forged, so the message is never registered on its own. */
export const authenticationFailed = (a: Authentication): boolean =>
  [a.spf, a.dkim, a.dmarc].some((r) => r === "fail" || r === "softfail" || r === "permerror");

/**
 * Diary numbers written in a text, in both of Stockholm's forms (`KS 2019/562`,
 * `KS 171-482/2016`): a prefix of capitals, a space, and the number.
 */
export function diaryNumbersIn(text: string): string[] {
  const found = text.matchAll(
    /(?<![\p{L}\d])([A-ZÅÄÖ]{1,10}) ((?:\d{4}\/\d{1,7})|(?:[\d.]{1,12}-\d{1,7}\/\d{4}))(?!\d)/gu,
  );
  return [...new Set([...found].map((m) => `${m[1]} ${m[2]}`))];
}

/**
 * A message that asks for more time (anstånd) rather than, or besides, answering. "Förlängning"
 * alone is not enough: an answer may well be about extending a metro line.
 */
export const asksForMoreTime = (text: string): boolean =>
  /(?<![\p{L}])(anstånd|mer tid|längre tid|förläng\p{L}* (svars)?(tid|fristen|datum)\p{L}*|senare svarsdatum)(?![\p{L}])/iu.test(
    text,
  );

/**
 * The day a request for more time asks for: the latest date the text names from `today` on
 * ("anstånd till den 31 januari", "förlängd svarstid till 2027-01-31"), a date without a year
 * read as its next occurrence. A request's text may also quote the deadline it wants moved, which
 * is earlier. Null when it names no such day.
 */
export function requestedDay(text: string, today: string): string | null {
  const days = [...findDates(text), ...findYearlessDates(text, today)]
    .map((d) => d.iso)
    .filter((iso) => iso >= today)
    .sort();
  return days.at(-1) ?? null;
}

/** The address of a sender, lower-cased, and its domain. */
function addressParts(address: string): { address: string; domain: string } {
  const a = address.trim().toLowerCase();
  return { address: a, domain: a.slice(a.lastIndexOf("@") + 1) };
}

/**
 * Which of a round's bodies sent the message: the one registered with the very address, or else
 * the only one registered at the sender's domain (a unit's colleague writing from their own
 * address). Several at the domain is no match: the registrar decides.
 */
export function matchSender<B extends { addresses: string[] }>(
  bodies: readonly B[],
  from: string,
): { body: B } | { reason: "unknown_sender" | "several_bodies" } {
  const sender = addressParts(from);
  const exact = bodies.filter((b) => b.addresses.includes(sender.address));
  if (exact.length === 1 && exact[0]) return { body: exact[0] };
  if (exact.length > 1) return { reason: "several_bodies" };
  const sameDomain = bodies.filter((b) => b.addresses.some((a) => addressParts(a).domain === sender.domain));
  if (sameDomain.length === 1 && sameDomain[0]) return { body: sameDomain[0] };
  return { reason: sameDomain.length > 1 ? "several_bodies" : "unknown_sender" };
}

/**
 * Which body of which round sent the message, among the rounds out under the diary number it
 * names: in one round, `matchSender`. When a case has several rounds out, the one body registered
 * with the very address, or else the one round where `matchSender` finds the sender by its domain
 * and no other round has several bodies there; a sender that could be in two rounds is for the
 * registrar.
 */
export function matchRoundSender<B extends { addresses: string[] }>(
  rounds: readonly (readonly B[])[],
  from: string,
): { body: B } | { reason: "unknown_sender" | "several_bodies" | "several_consultations" } {
  const [only] = rounds;
  if (rounds.length === 1 && only) return matchSender(only, from);
  const { address } = addressParts(from);
  const exact = rounds.flatMap((bodies) => bodies.filter((b) => b.addresses.includes(address)));
  if (exact.length > 1) return { reason: "several_consultations" };
  if (exact[0]) return { body: exact[0] };
  const results = rounds.map((bodies) => matchSender(bodies, from));
  const found = results.filter((m) => "body" in m);
  if (found.length > 1) return { reason: "several_consultations" };
  if (results.some((m) => "reason" in m && m.reason === "several_bodies"))
    return { reason: "several_bodies" };
  return found[0] ?? { reason: "unknown_sender" };
}

/** The attachments that could be an answer by their name: Word, PDF or ODT (the content is sniffed later). */
export const answerFiles = <A extends { fileName: string }>(attachments: readonly A[]): A[] =>
  attachments.filter((a) => {
    const type = fileTypeOfName(a.fileName);
    return type === "docx" || type === "pdf" || type === "odt";
  });

/** The registrar's one action on a queued message. */
export const fileInputSchema = z.discriminatedUnion("as", [
  z.strictObject({
    as: z.literal("answer"),
    recipientId: z.string({ error: "mail.recipient_required" }).min(1, { error: "mail.recipient_required" }),
    attachment: z.coerce.number().int().min(0),
  }),
  z.strictObject({
    as: z.literal("document"),
    /** Which attachment is the document; none: the message's own text. */
    documentAttachment: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).optional()),
    diaryNumber: z
      .string({ error: "mail.diary_number_required" })
      .trim()
      .min(1, { error: "mail.diary_number_required" })
      .max(100),
    description: z
      .string({ error: "mail.description_required" })
      .trim()
      .min(1, { error: "mail.description_required" })
      .max(1000),
  }),
  z.strictObject({
    as: z.literal("not_public"),
    reason: z
      .string({ error: "mail.reason_required" })
      .trim()
      .min(1, { error: "mail.reason_required" })
      .max(2000),
  }),
]);
export type FileInput = z.infer<typeof fileInputSchema>;
