import { createUser, toActor, type UserActor } from "../auth/index.ts";
import {
  addAgendaItem,
  agendaOfMeeting,
  createMeeting,
  postMinutes,
  recordMeetingDecision,
} from "../meetings/index.ts";
import type { Ctx } from "../platform/context.ts";
import { getCaseDocuments } from "../registry/index.ts";
import { approveReport, createReport } from "../reports/index.ts";
import { on } from "./on-date.ts";
import { STRATEGY_REPORT_TEXT } from "./strategy-report-text.ts";

/**
 * The two who sign the report, as the seed's signatory block has them (the city director and the
 * head of department): invented people in the demo, not the seed's.
 */
export const SIGNATORIES = [
  { username: "stadsdirektor", displayName: "Siv Stadsdirektör (demo)" },
  { username: "avdelningsdirektor", displayName: "Alf Avdelningsdirektör (demo)" },
];

const DIARY_NUMBER = "KS 171-482/2016";
const ITEM_TITLE = "Internationell strategi för Stockholms stad";

/**
 * The city office's officer's report of 2016-06-02 in the strategy case (issue 19 item 6): written
 * by the case's officer through the report service from the seed's own text, with the strategy
 * (Bilaga 1) attached, and approved the same day by its two signatories; the approval registers it
 * in the case as a Word file on the city's template. Returns the registered document's id.
 */
export async function seedStrategyReport(
  ctx: Ctx,
  officer: UserActor,
  caseId: string,
  password: () => string,
): Promise<string> {
  const signatories: UserActor[] = [];
  for (const s of SIGNATORIES) {
    const user = await createUser(on(ctx, "2016-06-01"), "system", {
      ...s,
      role: "beslutsfattare",
      unitId: "slk",
      email: `${s.username}@stockholm.example`,
      password: password(),
    });
    const actor = toActor(user, "session", null);
    if (actor) signatories.push(actor);
  }
  const day = on(ctx, "2016-06-02");
  const strategy = (await getCaseDocuments(ctx, caseId)).find((d) => d.documentType === "bilaga");
  const report = await createReport(day, officer, caseId, {
    ...STRATEGY_REPORT_TEXT,
    attachmentIds: strategy ? [strategy.id] : [],
    signatoryIds: signatories.map((s) => s.id),
  });
  let approved = report;
  for (const signatory of signatories)
    approved = await approveReport(day, signatory, report.id, report.version);
  if (!approved.documentId) throw new Error("the demo's report was not registered");
  return approved.documentId;
}

/**
 * The chain of domain.md §6a for the strategy, after the consultation round: the registry puts the
 * case on the city board's agenda on the approved report, KS proposes that the council adopt the
 * strategy, the proposal goes to the council's next meeting, and KF adopts it. Each decision's
 * minutes extract is registered in the case, and each meeting's justerade minutes are posted on
 * the notice board. The meeting dates are invented; the wording is the report's proposal.
 */
export async function seedStrategyDecisions(
  ctx: Ctx,
  registrar: UserActor,
  reportDocumentId: string,
): Promise<void> {
  const ks = await createMeeting(on(ctx, "2016-11-23"), registrar, {
    body: "KS",
    meetingDate: "2016-12-14",
    place: "Stadshuset, Kommunstyrelsens sammanträdesrum",
  });
  const item = await addAgendaItem(on(ctx, "2016-11-30"), registrar, ks.id, {
    diaryNumber: DIARY_NUMBER,
    documentId: reportDocumentId,
    title: ITEM_TITLE,
  });
  await recordMeetingDecision(on(ctx, "2016-12-14"), registrar, item.id, {
    outcome: "proposal",
    proposesTo: "KF",
    text: "Kommunstyrelsen föreslår att kommunfullmäktige beslutar följande. Internationell strategi för Stockholms stad, bilaga 1 till stadsledningskontorets tjänsteutlåtande, antas och ersätter stadens övergripande mål, inriktning och riktlinjer för internationellt arbete (Dnr 006-1137/2007).",
  });
  await postMinutes(on(ctx, "2016-12-19"), registrar, ks.id, { postedOn: "2016-12-19" });
  // Setting the council's meeting puts the waiting proposal on its agenda.
  const kf = await createMeeting(on(ctx, "2016-12-20"), registrar, {
    body: "KF",
    meetingDate: "2017-01-30",
    place: "Stadshuset, Rådssalen",
  });
  const [proposal] = await agendaOfMeeting(ctx, kf.id);
  if (!proposal) throw new Error("the KS proposal did not reach the council's agenda");
  await recordMeetingDecision(on(ctx, "2017-01-30"), registrar, proposal.id, {
    outcome: "approved",
    text: "Internationell strategi för Stockholms stad, bilaga 1 till stadsledningskontorets tjänsteutlåtande, antas och ersätter stadens övergripande mål, inriktning och riktlinjer för internationellt arbete (Dnr 006-1137/2007).",
  });
  await postMinutes(on(ctx, "2017-02-06"), registrar, kf.id, { postedOn: "2017-02-06" });
}
