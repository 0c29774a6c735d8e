import { auditBy, type UserActor } from "../../auth/index.ts";
import { listAllUnits, NETWORK_UNIT_TYPES, networkUnits, type Unit } from "../../organisation/index.ts";
import { appendAudit } from "../../platform/audit/audit.service.ts";
import type { Ctx } from "../../platform/context.ts";
import { csvDocument } from "../../platform/csv.ts";
import { type FieldError, ValidationError } from "../../platform/errors.ts";
import { compareText, type Translate } from "../../platform/i18n/index.ts";
import { newId } from "../../platform/ids.ts";
import { queueMail } from "../../platform/mail/mail.service.ts";
import { wordFile } from "../../platform/text/word-writer.ts";
import { fieldErrors } from "../../platform/validation.ts";
import { writePreparedDocument } from "../../registry/index.ts";
import { caseLetterhead, openCaseFor, prepareOutgoingLetter } from "../letters/outgoing-letter.ts";
import {
  appointmentSchema,
  type ContactAccount,
  type ContactPerson,
  type NetworkEntry,
  networkMessageSchema,
} from "./network.model.ts";
import {
  appointableAccounts,
  currentContacts,
  insertNetworkMessage,
  networkMessages,
  replaceContact,
} from "./network.store.ts";

/** Every administration and company, by name, with its current contact person or none. */
export async function listNetwork(ctx: Ctx): Promise<NetworkEntry[]> {
  const [units, contacts] = await Promise.all([
    listAllUnits(ctx),
    currentContacts(ctx.db, ctx.config.tenantId),
  ]);
  const byUnit = new Map(contacts.map((c) => [c.unitId, c]));
  return units
    .filter((u) => NETWORK_UNIT_TYPES.includes(u.type))
    .sort((a, b) => compareText("sv")(a.name, b.name))
    .map((u) => ({ unitId: u.id, unitName: u.name, contact: byUnit.get(u.id) ?? null }));
}

/** The accounts that may be appointed: active, with the kontaktperson role for a unit of the network. */
export async function appointableContacts(ctx: Ctx): Promise<ContactAccount[]> {
  const network = new Set((await networkUnits(ctx)).map((u) => u.id));
  return (await appointableAccounts(ctx.db, ctx.config.tenantId)).filter((a) => network.has(a.unitId));
}

/**
 * Finds the contact person of any unit: that of the unit of the network it belongs to, the unit
 * itself or its nearest administration or company above it, or, for a committee or board, the
 * administration or company under it. Null when that unit has none.
 */
export async function contactResolver(ctx: Ctx): Promise<(unitId: string) => ContactPerson | null> {
  const [units, contacts] = await Promise.all([
    listAllUnits(ctx),
    currentContacts(ctx.db, ctx.config.tenantId),
  ]);
  const byId = new Map(units.map((u) => [u.id, u]));
  const inNetwork = (u: Unit) => NETWORK_UNIT_TYPES.includes(u.type);
  return (unitId) => {
    let unit = byId.get(unitId);
    while (unit && !inNetwork(unit)) unit = unit.parentId ? byId.get(unit.parentId) : undefined;
    unit ??= units.find((u) => u.parentId === unitId && inNetwork(u));
    return contacts.find((c) => c.unitId === unit?.id) ?? null;
  };
}

/**
 * Records the contact person a unit's head appointed: a user account with the kontaktperson role
 * for the unit (the admin gives the role under Användare). The unit is the account's; its
 * previous appointment ends that day.
 */
export async function appointContact(
  ctx: Ctx,
  by: UserActor | "system",
  input: unknown,
): Promise<ContactPerson> {
  const parsed = appointmentSchema.safeParse(input);
  const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error.issues);
  const userId = (input as Record<string, unknown> | null)?.userId;
  const account = (await appointableContacts(ctx)).find((a) => a.userId === userId);
  if (userId && !account) errors.push({ field: "userId", message: "network.account_not_contact" });
  if (account && !account.email) errors.push({ field: "userId", message: "network.account_without_email" });
  if (!parsed.success || !account?.email || errors.length > 0) throw new ValidationError(errors);
  const d = parsed.data;
  const now = ctx.clock.now();
  const row = {
    id: newId(),
    tenant_id: ctx.config.tenantId,
    unit_id: account.unitId,
    user_id: account.userId,
    name: account.name,
    email: account.email,
    phone: d.phone ?? null,
    appointed_on: d.appointedOn,
    appointed_by: d.appointedBy,
    ended_on: null,
    recorded_by: by === "system" ? null : by.id,
    created_at: now.toISOString(),
  };
  const contact: ContactPerson = {
    id: row.id,
    unitId: row.unit_id,
    userId: row.user_id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    appointedOn: row.appointed_on,
    appointedBy: row.appointed_by,
  };
  await ctx.db.transaction().execute(async (trx) => {
    const previous = await replaceContact(trx, row);
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "contact_person.appoint",
      subjectType: "unit",
      subjectId: row.unit_id,
      before: previous ?? null,
      after: contact,
    });
  });
  return contact;
}

/** The network as CSV (semicolon-separated, with a BOM for Excel): every unit, its contact person or blanks. */
export async function networkCsv(ctx: Ctx, t: Translate): Promise<string> {
  const header = [
    t("network.unit"),
    t("network.contact"),
    t("network.email"),
    t("network.phone"),
    t("network.appointed_on"),
    t("network.appointed_by"),
  ];
  const rows = (await listNetwork(ctx)).map((e) => [
    e.unitName,
    e.contact?.name ?? null,
    e.contact?.email ?? null,
    e.contact?.phone ?? null,
    e.contact?.appointedOn ?? null,
    e.contact?.appointedBy ?? null,
  ]);
  return csvDocument([header, ...rows]);
}

/**
 * Sends a message to every current contact person: registered as an outgoing document (a Word
 * file) in the open case named, with one e-mail each through the outbox and the audit event, in
 * one transaction. Every problem with the input is reported at once and nothing is written then.
 */
export async function sendNetworkMessage(ctx: Ctx, by: UserActor, input: unknown) {
  const parsed = networkMessageSchema.safeParse(input);
  const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error.issues);
  const raw = (input ?? {}) as Record<string, unknown>;
  const c = await openCaseFor(
    ctx,
    by,
    typeof raw.diaryNumber === "string" ? raw.diaryNumber : undefined,
    errors,
  );
  const recipients = (await listNetwork(ctx)).flatMap((e) => (e.contact ? [e.contact] : []));
  if (recipients.length === 0) errors.push({ field: "subject", message: "network.no_recipients" });
  if (!parsed.success || !c || errors.length > 0) throw new ValidationError(errors);
  const { subject, body } = parsed.data;
  const bytes = await wordFile(subject, [["", body.split(/\r?\n/).filter((l) => l.trim() !== "")]], {
    letterhead: await caseLetterhead(ctx, by, c),
  });
  const letter = await prepareOutgoingLetter(ctx, by, c.id, {
    description: subject,
    party: "Internationella kontaktpersoner",
    documentType: "meddelande",
    fileName: "meddelande-kontaktnatet.docx",
    bytes,
  });
  const now = ctx.clock.now();
  const id = newId();
  const documentId = letter.row.id;
  await ctx.db.transaction().execute(async (trx) => {
    await writePreparedDocument(ctx, trx, letter);
    await insertNetworkMessage(trx, {
      id,
      tenant_id: ctx.config.tenantId,
      case_id: c.id,
      document_id: documentId,
      subject,
      body,
      recipients: recipients.length,
      sent_by: by.id,
      sent_at: now.toISOString(),
    });
    for (const r of recipients)
      await queueMail(trx, ctx.config.tenantId, now, {
        to: r.email,
        subject,
        text: `${body}\n\n${c.diaryNumber}`,
      });
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "network_message.send",
      subjectType: "document",
      subjectId: documentId,
      after: { subject, caseId: c.id, recipients: recipients.length },
    });
  });
  return { id, documentId, caseId: c.id, recipients: recipients.length };
}

export async function listNetworkMessages(ctx: Ctx, limit = 50) {
  return (await networkMessages(ctx.db, ctx.config.tenantId, limit)).map((m) => ({
    id: m.id,
    subject: m.subject,
    recipients: Number(m.recipients),
    sentAt: m.sent_at,
    documentId: m.document_id,
    diaryNumber: m.diary_number,
  }));
}
