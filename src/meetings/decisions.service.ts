import { auditBy, type UserActor } from "../auth/index.ts";
import { appendAudit } from "../platform/audit/audit.service.ts";
import { stockholmDate } from "../platform/calendar/civil-date.ts";
import type { Ctx } from "../platform/context.ts";
import { ConflictError, NotFoundError, ValidationError } from "../platform/errors.ts";
import { translator } from "../platform/i18n/index.ts";
import { newId } from "../platform/ids.ts";
import { fieldErrors } from "../platform/validation.ts";
import {
  type Case,
  getCase,
  type PreparedDocument,
  prepareDocument,
  writePreparedDocument,
} from "../registry/index.ts";
import {
  type Body,
  type Decision,
  decisionInputSchema,
  delegationInputSchema,
  proposalErrors,
  seriesOf,
} from "./meetings.model.ts";
import { bodyUnit, caseForDecision, getMeeting, requireUnposted } from "./meetings.service.ts";
import {
  decisionsOfCase,
  delegationDecisions,
  findAgendaItem,
  insertAgendaItem,
  insertDecision,
  nextMeetingOf,
  nextParagraph,
  nextPosition,
} from "./meetings.store.ts";
import { type ExtractFacts, extractWord } from "./papers.ts";

const sv = translator("sv");

/** A decision numbered and its extract prepared, ready for the transaction. */
interface PreparedDecision {
  id: string;
  series: string;
  facts: ExtractFacts;
  c: Case;
  meetingId: string | null;
  agendaItemId: string | null;
  extract: PreparedDocument;
}

/** Numbers the decision in its body's series and prepares its extract as a document of the case. */
async function prepareDecision(
  ctx: Ctx,
  by: UserActor,
  c: Case,
  facts: Omit<ExtractFacts, "paragraph" | "diaryNumber">,
  at: { meetingId: string | null; agendaItemId: string | null },
): Promise<PreparedDecision> {
  const series = seriesOf(facts.body, facts.unitId, at.meetingId === null);
  const year = Number(facts.decidedOn.slice(0, 4));
  const paragraph = await nextParagraph(ctx.db, ctx.config.tenantId, series, year);
  const full: ExtractFacts = { ...facts, paragraph, diaryNumber: c.diaryNumber };
  const bytes = await extractWord(ctx, full);
  const extract = await prepareDocument(
    ctx,
    by,
    c.id,
    {
      direction: "internal",
      date: facts.decidedOn,
      documentType: "Protokollsutdrag",
      description: sv("meeting.extract_description", { paragraph, title: facts.title }).slice(0, 1000),
    },
    { fileName: `protokollsutdrag-${year}-${paragraph}.docx`, bytes },
  );
  return { id: newId(), series, facts: full, c, ...at, extract };
}

/** Writes a prepared decision: its extract, the decision row, a proposal's next agenda item and the audit event. */
async function writeDecision(ctx: Ctx, by: UserActor, p: PreparedDecision) {
  const now = ctx.clock.now().toISOString();
  const f = p.facts;
  // A proposal goes on the proposed body's next meeting, or waits for one to be set.
  const next = f.proposesTo
    ? await nextMeetingOf(ctx.db, ctx.config.tenantId, f.proposesTo, null, f.decidedOn)
    : null;
  await ctx.db.transaction().execute(async (trx) => {
    await writePreparedDocument(ctx, trx, p.extract);
    await insertDecision(trx, {
      id: p.id,
      tenant_id: ctx.config.tenantId,
      body: f.body,
      unit_id: f.unitId,
      series: p.series,
      meeting_id: p.meetingId,
      agenda_item_id: p.agendaItemId,
      case_id: p.c.id,
      decided_on: f.decidedOn,
      year: Number(f.decidedOn.slice(0, 4)),
      paragraph: f.paragraph,
      outcome: f.outcome,
      proposes_to: f.proposesTo,
      text: f.text,
      extract_document_id: p.extract.row.id,
      recorded_by: by.id,
      created_at: now,
    });
    if (f.proposesTo)
      await insertAgendaItem(trx, {
        id: newId(),
        tenant_id: ctx.config.tenantId,
        body: f.proposesTo,
        unit_id: null,
        meeting_id: next?.id ?? null,
        case_id: p.c.id,
        // The proposing body's extract is the underlag the next body decides on.
        document_id: p.extract.row.id,
        title: f.title,
        position: next ? await nextPosition(trx, next.id) : 0,
        created_at: now,
      });
    await appendAudit(trx, ctx.config.tenantId, new Date(now), {
      ...auditBy(by),
      action: p.meetingId ? "meeting.decide" : "meeting.delegation_decide",
      subjectType: "case",
      subjectId: p.c.id,
      after: {
        decision: p.id,
        body: f.body,
        unitId: f.unitId,
        paragraph: f.paragraph,
        outcome: f.outcome,
        proposesTo: f.proposesTo,
        extractDocumentId: p.extract.row.id,
        nextMeetingId: next?.id ?? null,
      },
    });
  });
}

/**
 * Records the decision of a meeting on an agenda item: numbered § in the body's series for the
 * year, its minutes extract registered in the case, and for a proposal ("KS föreslår KF besluta
 * …") the item put on the proposed body's next agenda, all in one transaction.
 */
export async function recordMeetingDecision(ctx: Ctx, by: UserActor, itemId: string, input: unknown) {
  const item = await findAgendaItem(ctx.db, ctx.config.tenantId, itemId);
  if (!item?.meetingId) throw new NotFoundError();
  const m = await getMeeting(ctx, item.meetingId);
  requireUnposted(m);
  if (item.decisionId)
    throw new ConflictError("the item is decided", [], [{ field: "", message: "meeting.item_decided" }]);
  const parsed = decisionInputSchema.safeParse(input);
  const errors = [...(parsed.success ? [] : fieldErrors(parsed.error.issues)), ...proposalErrors(input)];
  if (parsed.success && parsed.data.proposesTo === m.body)
    errors.push({ field: "proposesTo", message: "meeting.proposes_to_itself" });
  if (m.meetingDate > stockholmDate(ctx.clock.now()))
    errors.push({ field: "", message: "meeting.not_yet_held" });
  const c = await getCase(ctx, item.caseId);
  const caseErrors: typeof errors = [];
  await caseForDecision(ctx, by, c.diaryNumber, caseErrors);
  errors.push(...caseErrors.map((e) => ({ ...e, field: "" })));
  if (!parsed.success || errors.length > 0) throw new ValidationError(errors);
  const d = parsed.data;
  const prepared = await prepareDecision(
    ctx,
    by,
    c,
    {
      body: m.body,
      unitId: m.unitId,
      meetingDate: m.meetingDate,
      decidedOn: m.meetingDate,
      title: item.title,
      outcome: d.outcome,
      proposesTo: d.proposesTo ?? null,
      text: d.text,
    },
    { meetingId: m.id, agendaItemId: item.id },
  );
  await writeDecision(ctx, by, prepared);
  return decisionOf(ctx, c.id, prepared.id);
}

/** Records a delegation decision: a unit or the finance commissioner deciding alone, without a meeting. */
export async function recordDelegationDecision(ctx: Ctx, by: UserActor, input: unknown) {
  const parsed = delegationInputSchema.safeParse(input);
  const errors = parsed.success ? [] : fieldErrors(parsed.error.issues);
  const p = parsed.success ? parsed.data : null;
  const unitId = await bodyUnit(ctx, input, errors);
  const c = p ? await caseForDecision(ctx, by, p.diaryNumber, errors) : null;
  if (p && p.decidedOn > stockholmDate(ctx.clock.now()))
    errors.push({ field: "decidedOn", message: "meeting.decided_on_future" });
  if (!p || !c || errors.length > 0) throw new ValidationError(errors);
  const prepared = await prepareDecision(
    ctx,
    by,
    c,
    {
      body: p.body,
      unitId,
      meetingDate: null,
      decidedOn: p.decidedOn,
      title: c.title,
      outcome: p.outcome,
      proposesTo: null,
      text: p.text,
    },
    { meetingId: null, agendaItemId: null },
  );
  await writeDecision(ctx, by, prepared);
  return decisionOf(ctx, c.id, prepared.id);
}

async function decisionOf(ctx: Ctx, caseId: string, id: string): Promise<Decision> {
  const found = (await decisionsOfCase(ctx.db, ctx.config.tenantId, caseId)).find((d) => d.id === id);
  if (!found) throw new NotFoundError();
  return found;
}

/** A case's decisions in chain order (for example KS's proposal, then KF's decision). */
export async function caseDecisions(ctx: Ctx, caseId: string): Promise<{ c: Case; decisions: Decision[] }> {
  const c = await getCase(ctx, caseId);
  return { c, decisions: await decisionsOfCase(ctx.db, ctx.config.tenantId, c.id) };
}

/** The delegation decisions of a body in a period: the list reported to the body. */
export const delegationList = (
  ctx: Ctx,
  f: { body: Body; unitId: string | null; from: string; to: string },
) => delegationDecisions(ctx.db, ctx.config.tenantId, f);
