import { type ParsedMail, simpleParser } from "mailparser";
import { auditBy } from "../auth/index.ts";
import type { Config } from "../config.ts";
import { answerByMail, bodiesAwaitingAnswer, extensionByMail, type MailBody } from "../consultation/index.ts";
import { appendAudit } from "../platform/audit/audit.service.ts";
import { stockholmDate } from "../platform/calendar/civil-date.ts";
import type { Ctx } from "../platform/context.ts";
import type { Db } from "../platform/db/database.ts";
import { AppError } from "../platform/errors.ts";
import { sha256Hex } from "../platform/files/blob-store.ts";
import { safeFileName } from "../platform/files/file-name.ts";
import { sniffFileType } from "../platform/files/file-type.ts";
import { newId } from "../platform/ids.ts";
import type { MailboxMessage } from "./mailbox.ts";
import {
  type Authentication,
  answerFiles,
  asksForMoreTime,
  authenticationFailed,
  diaryNumbersIn,
  matchRoundSender,
  type QueueReason,
  readAuthentication,
  requestedDay,
  type StoredAttachment,
} from "./received-mail.model.ts";
import { insertReceivedMail, isTakenIn } from "./received-mail.store.ts";

/** What became of one message taken from the mailbox. */
export type IntakeOutcome = "answer" | "extension_request" | "queued" | "known";

/** A message read from its bytes: what is kept of it, and the attachments' bytes for matching. */
interface ReadMessage {
  messageId: string | null;
  fromAddress: string | null;
  fromName: string | null;
  subject: string;
  bodyText: string;
  authentication: Authentication;
  attachments: { stored: StoredAttachment; bytes: Buffer }[];
  /** Set when the message cannot be matched whatever it says. */
  refused: QueueReason | null;
}

const MB = 1024 * 1024;
/** Text kept of a message's body: enough to read and match on, never a whole mail bomb. */
const MAX_BODY_CHARS = 100_000;

/** A message over this (by the size the mail server gives) is read as its header only and queued as too large. */
export const maxMessageBytes = (config: Pick<Config, "maxUploadMb">): number =>
  // Attachments are base64 (4/3 of their size): a message this big holds a file over the limit.
  Math.floor(config.maxUploadMb * MB * 1.4);

/**
 * Takes one message from the mailbox into the registry: kept as received (.eml, or its header
 * when it is over the size limit) and with its attachments in the blob store, then registered as
 * a body's answer when it matches a round that is out, or put in the received-mail queue with the
 * reason. Taking the same message again (the same Message-ID and bytes, e.g. after a crash before
 * it was moved) changes nothing.
 */
export async function takeInMessage(ctx: Ctx, mail: MailboxMessage): Promise<IntakeOutcome> {
  const message = await readMessage(ctx, mail);
  const kept = keptRow(ctx, mail, message);
  if (await isTakenIn(ctx.db, ctx.config.tenantId, kept.intake_key)) return "known";
  await ctx.files.put(mail.raw);
  for (const a of message.attachments) await ctx.files.put(a.bytes);

  const match = await matchMessage(ctx, message);
  try {
    if ("body" in match) {
      try {
        await answerByMail(ctx, match.body.consultationId, match.body.recipientId, match.file, (trx, doc) =>
          record(ctx, trx, { ...kept, status: "answer", filed_at: kept.received_at, document_id: doc.id }),
        );
        return "answer";
      } catch (error) {
        // The link's rules refused it (a second answer, a closed round, a file the registry will
        // not take): the registrar sees it in the queue.
        if (!(error instanceof AppError)) throw error;
      }
    }
    if ("extension" in match) {
      const { body, until, reason } = match.extension;
      try {
        await extensionByMail(ctx, body.consultationId, body.recipientId, { until, reason }, (trx, doc) =>
          record(ctx, trx, { ...kept, status: "document", filed_at: kept.received_at, document_id: doc.id }),
        );
        return "extension_request";
      } catch (error) {
        // The rules refused the day (not after the body's deadline, not a working day) or the
        // round no longer takes requests: the registrar reads the request in the queue.
        if (!(error instanceof AppError)) throw error;
      }
    }
    const reason =
      "reason" in match ? match.reason : "extension" in match ? "extension_request" : "answer_refused";
    await ctx.db.transaction().execute((trx) => record(ctx, trx, { ...kept, queue_reason: reason }));
    return "queued";
  } catch (error) {
    if (error instanceof AlreadyTakenIn) return "known";
    throw error;
  }
}

/**
 * Puts a message that taking in failed on again and again in the queue as `intake_failed`, with
 * the error, so a registrar sees it and can file it: kept as received with its attachments as far
 * as it can be read (by its header alone when reading is what failed).
 */
export async function queueFailedMessage(ctx: Ctx, mail: MailboxMessage, error: string): Promise<void> {
  const message =
    (await readMessage(ctx, mail).catch(() => null)) ??
    (await parseMessage(headerOf(mail.raw))) ??
    UNREADABLE;
  await ctx.files.put(mail.raw);
  for (const a of message.attachments) await ctx.files.put(a.bytes);
  const values = {
    ...keptRow(ctx, mail, message),
    queue_reason: "intake_failed" as const,
    intake_error: error,
  };
  try {
    await ctx.db.transaction().execute((trx) => record(ctx, trx, values));
  } catch (e) {
    if (!(e instanceof AlreadyTakenIn)) throw e;
  }
}

/** The row of a message as received: queued with no reason yet. */
function keptRow(ctx: Ctx, mail: MailboxMessage, message: ReadMessage) {
  const emlSha256 = sha256Hex(mail.raw);
  return {
    id: newId(),
    tenant_id: ctx.config.tenantId,
    intake_key: `${message.messageId ?? ""}\n${emlSha256}`,
    message_id: message.messageId,
    received_at: ctx.clock.now().toISOString(),
    from_address: message.fromAddress,
    from_name: message.fromName,
    subject: message.subject,
    body_text: message.bodyText,
    eml_sha256: emlSha256,
    eml_size: mail.size,
    attachments: JSON.stringify(message.attachments.map((a) => a.stored)),
    authentication: JSON.stringify(message.authentication),
    status: "queued" as keyof typeof AUDIT_ACTIONS,
    queue_reason: null as QueueReason | null,
    filed_at: null as string | null,
    filed_by: null,
    document_id: null as string | null,
    not_public_reason: null,
    intake_error: null as string | null,
  };
}

/** Writes a message's row and its audit event; another process that took it meanwhile rolls it back. */
async function record(ctx: Ctx, trx: Db, values: ReturnType<typeof keptRow>): Promise<void> {
  if (!(await insertReceivedMail(trx, values))) throw new AlreadyTakenIn();
  await appendAudit(trx, ctx.config.tenantId, new Date(values.received_at), {
    ...auditBy("system"),
    action: AUDIT_ACTIONS[values.status],
    subjectType: "received_mail",
    subjectId: values.id,
    after: {
      from: values.from_address,
      subject: values.subject,
      reason: values.queue_reason,
      documentId: values.document_id,
      eml: values.eml_sha256,
      ...(values.intake_error ? { error: values.intake_error } : {}),
    },
  });
}

/** What taking a message in records: an answer, a request for more time, or a queued message. */
const AUDIT_ACTIONS = {
  answer: "mail_intake.answer",
  document: "mail_intake.extension_request",
  queued: "mail_intake.queued",
} as const;

class AlreadyTakenIn extends Error {}

/** What is kept of a message that cannot be parsed at all. */
const UNREADABLE: ReadMessage = {
  messageId: null,
  fromAddress: null,
  fromName: null,
  subject: "",
  bodyText: "",
  authentication: { spf: null, dkim: null, dmarc: null },
  attachments: [],
  refused: null,
};

/** Reads a message's parts. A message too big (read as its header) or too broken to parse is refused. */
async function readMessage(ctx: Ctx, mail: MailboxMessage): Promise<ReadMessage> {
  const tooBig = !mail.whole || mail.size > maxMessageBytes(ctx.config);
  const message = await parseMessage(tooBig ? headerOf(mail.raw) : mail.raw);
  if (!message) return { ...UNREADABLE, refused: "malformed" };
  const limit = ctx.config.maxUploadMb * MB;
  if (tooBig || message.attachments.some((a) => a.bytes.length > limit))
    return { ...message, attachments: [], refused: "too_large" };
  return message;
}

/** A message's header, text and attachments by mailparser; null when it cannot be parsed. */
async function parseMessage(bytes: Buffer): Promise<ReadMessage | null> {
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(bytes, { skipImageLinks: true, skipTextToHtml: true });
  } catch {
    return null;
  }
  const from = parsed.from?.value[0];
  const authHeaders = parsed.headerLines
    .filter((h) => h.key === "authentication-results")
    .map((h) => h.line.slice(h.line.indexOf(":") + 1));
  return {
    messageId: parsed.messageId ?? null,
    fromAddress: from?.address?.toLowerCase() ?? null,
    fromName: from?.name || null,
    subject: (parsed.subject ?? "").slice(0, 1000),
    bodyText: (parsed.text ?? "").slice(0, MAX_BODY_CHARS),
    authentication: readAuthentication(authHeaders),
    attachments: parsed.attachments.map((a, i) => ({
      stored: {
        fileName: safeFileName(a.filename ?? "") ?? `bilaga-${i + 1}`,
        sha256: sha256Hex(a.content),
        size: a.content.length,
        mime: a.contentType,
      },
      bytes: a.content,
    })),
    refused: null,
  };
}

/** The header block of a message, up to the first empty line. */
function headerOf(raw: Buffer): Buffer {
  const end = raw.indexOf("\r\n\r\n");
  const endLf = raw.indexOf("\n\n");
  const cut = end >= 0 ? end + 4 : endLf >= 0 ? endLf + 2 : Math.min(raw.length, 64 * 1024);
  return raw.subarray(0, Math.min(cut, 64 * 1024));
}

type Match =
  | { body: MailBody; file: { fileName: string; bytes: Buffer } }
  | { extension: { body: MailBody; until: string; reason: string } }
  | { reason: QueueReason };

/** The most of a message's text that goes into an extension request's reason (the form's limit). */
const MAX_REASON_CHARS = 5000;

/**
 * Whether a message is a body's answer (issue 22, item 2): the diary number of a case with rounds
 * out, from a body of exactly one of them, with one Word, PDF or ODT file that really is one, and a sender
 * whose server did not fail SPF, DKIM or DMARC; or a body's request for more time that names the
 * day it asks for. Otherwise the reason it waits for a registrar.
 */
async function matchMessage(ctx: Ctx, m: ReadMessage): Promise<Match> {
  if (m.refused) return { reason: m.refused };
  if (authenticationFailed(m.authentication)) return { reason: "authentication_failed" };
  const rounds = new Map<string, MailBody[]>();
  for (const number of diaryNumbersIn(`${m.subject}\n${m.bodyText}`)) {
    for (const body of await bodiesAwaitingAnswer(ctx, number)) {
      rounds.set(body.consultationId, [...(rounds.get(body.consultationId) ?? []), body]);
    }
  }
  if (rounds.size === 0) return { reason: "no_diary_number" };
  const sender = matchRoundSender([...rounds.values()], m.fromAddress ?? "");
  const text = `${m.subject}\n${m.bodyText}`;
  if (asksForMoreTime(text)) {
    const until = requestedDay(text, stockholmDate(ctx.clock.now()));
    if ("reason" in sender || !until) return { reason: "extension_request" };
    const reason = (m.bodyText.trim() || m.subject).slice(0, MAX_REASON_CHARS);
    return { extension: { body: sender.body, until, reason } };
  }
  if ("reason" in sender) return sender;
  const files = answerFiles(m.attachments.map((a) => ({ ...a, fileName: a.stored.fileName })));
  const [file] = files;
  if (!file) return { reason: "no_answer_file" };
  if (files.length > 1) return { reason: "several_answer_files" };
  const sniffed = await sniffFileType(file.bytes, file.fileName);
  if (!sniffed.ok) return { reason: "file_refused" };
  return { body: sender.body, file: { fileName: file.fileName, bytes: file.bytes } };
}
