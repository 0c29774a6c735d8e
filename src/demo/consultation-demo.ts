import type { UserActor } from "../auth/index.ts";
import {
  accessForUser,
  allRecipients,
  answerConsultation,
  assessAnswer,
  closeConsultation,
  createConsultation,
  decideExtension,
  declineConsultation,
  type Position,
  registerCompilation,
  requestExtension,
  runDueReminders,
  sendConsultation,
} from "../consultation/index.ts";
import type { Ctx } from "../platform/context.ts";
import { translator } from "../platform/i18n/index.ts";
import { markSent, pendingMailBefore } from "../platform/mail/mail.store.ts";
import { getCaseDocuments } from "../registry/index.ts";
import { on } from "./on-date.ts";

type Outcome =
  | { kind: "answer"; on: string; position: Position; text: string }
  | {
      kind: "extension";
      asked: string;
      until: string;
      reason: string;
      answer: string;
      position: Position;
      text: string;
    }
  | { kind: "decline"; on: string; comment: string }
  | { kind: "silent" };

const answer = (date: string, position: Position, text: string): Outcome => ({
  kind: "answer",
  on: date,
  position,
  text,
});

/**
 * What each body did in the demo's 2016 round: most answered on time, two late, two after an
 * extension, two declined and one never answered. The wording is invented.
 */
const OUTCOMES: Record<string, Outcome> = {
  "sdn-hagersten-liljeholmen": answer(
    "2016-10-11",
    "supports",
    "Stadsdelsnämnden tillstyrker strategin och ser särskilt värdet av erfarenhetsutbyte om integration med andra europeiska städer.",
  ),
  "sdn-rinkeby-kista": answer(
    "2016-10-17",
    "supports",
    "Nämnden tillstyrker och vill att kopplingen till länder som många invånare kommer ifrån blir tydligare i omvärldsbevakningen.",
  ),
  "sdn-sodermalm": {
    kind: "extension",
    asked: "2016-10-03",
    until: "2016-10-31",
    reason: "Nämnden sammanträder först den 27 oktober.",
    answer: "2016-10-28",
    position: "mixed",
    text: "Södermalms stadsdelsnämnd delar strategins inriktning men anser att uppföljningen blir för omfattande för stadsdelsnämnderna.",
  },
  "fn-arbetsmarknad": answer(
    "2016-10-13",
    "supports",
    "Arbetsmarknadsnämnden tillstyrker. EU-finansierade projekt är viktiga för nämndens utvecklingsarbete.",
  ),
  "fn-exploatering": {
    kind: "decline",
    on: "2016-09-14",
    comment: "Exploateringsnämnden har inga synpunkter och avstår från att yttra sig.",
  },
  "fn-fastighet": answer(
    "2016-10-24",
    "no_comment",
    "Fastighetsnämnden har tagit del av förslaget och har inget att invända.",
  ),
  "fn-idrott": answer(
    "2016-10-06",
    "supports",
    "Idrottsnämnden tillstyrker och lyfter idrottsevenemang som ett sätt att profilera staden.",
  ),
  "fn-kultur": {
    kind: "extension",
    asked: "2016-10-05",
    until: "2016-11-07",
    reason: "Förvaltningen behöver samråda med stadens kulturinstitutioner.",
    answer: "2016-11-03",
    position: "supports",
    text: "Kulturnämnden tillstyrker och föreslår att kulturutbyten nämns under profilering.",
  },
  "fn-kyrkogard": {
    kind: "decline",
    on: "2016-08-30",
    comment: "Kyrkogårdsnämnden avstår; förslaget berör inte nämndens verksamhet.",
  },
  "fn-miljo": answer(
    "2016-10-14",
    "mixed",
    "Miljö- och hälsoskyddsnämnden tillstyrker med tillägget att klimatfrågorna bör få en egen rubrik under påverkan.",
  ),
  "fn-service": answer("2016-10-17", "no_comment", "Servicenämnden har inga synpunkter."),
  "fn-social": answer(
    "2016-11-02",
    "mixed",
    "Socialnämnden ser positivt på strategin men saknar en beskrivning av hur arbetet ska finansieras.",
  ),
  "fn-stadsbyggnad": answer(
    "2016-10-12",
    "supports",
    "Stadsbyggnadsnämnden tillstyrker. Nätverk om hållbar stadsutveckling ger nämnden mycket.",
  ),
  "fn-trafik": answer("2016-10-10", "supports", "Trafiknämnden tillstyrker strategin i sin helhet."),
  "fn-utbildning": answer(
    "2016-10-17",
    "opposes",
    "Utbildningsnämnden avstyrker kravet på en kontaktperson per förvaltning och föreslår en gemensam funktion.",
  ),
  "fn-val": { kind: "silent" },
  "fn-aldre": answer(
    "2016-10-07",
    "supports",
    "Äldrenämnden tillstyrker och vill delta i nätverk om åldersvänliga städer.",
  ),
  "fn-overformyndare": answer("2016-09-28", "no_comment", "Överförmyndarnämnden har inget att tillägga."),
  stadshus: answer(
    "2016-10-17",
    "supports",
    "Stockholms Stadshus AB tillstyrker och ser att bolagens internationella kontakter samordnas bättre.",
  ),
};

/**
 * The round of domain.md §4 in the demo, taken step by step through the same services as a live
 * round, each on its historical date: created and sent to the 19 bodies on 2016-06-21 with the
 * deadline 2016-10-17, reminded, answered, extended and declined, closed and compiled. The
 * answers came by e-mail then, so the registry staff registers them for the bodies.
 */
export async function seedConsultationDemo(ctx: Ctx, officer: UserActor, caseId: string): Promise<void> {
  const t = translator("sv");
  const material = (await getCaseDocuments(ctx, caseId)).filter((d) =>
    ["tjänsteutlåtande", "bilaga"].includes((d.documentType ?? "").toLowerCase()),
  );
  const { consultation } = await createConsultation(on(ctx, "2016-06-21"), officer, caseId, {
    title: "Remiss av förslag till internationell strategi för Stockholms stad",
    deadline: "2016-10-17",
    instructions: t("consultation.standard_instructions"),
    officerId: officer.id,
    contact: "Stadsledningskontoret, Kommunikations- och omvärldsavdelningen, tfn 08-508 00 000",
    groups: ["district", "specialist"],
    unitIds: ["stadshus"],
    documentIds: material.map((d) => d.id),
  });
  const id = consultation.id;
  await sendConsultation(on(ctx, "2016-06-21"), officer, id);
  const bodies = new Map(allRecipients(consultation).map((r) => [r.unitId ?? "", r.id]));
  const body = async (date: string, unitId: string) =>
    accessForUser(on(ctx, date), officer, bodies.get(unitId) ?? "");

  // Steps in date order, as they happened.
  const steps: { date: string; run: () => Promise<unknown> }[] = [
    { date: "2016-10-10", run: () => runDueReminders(on(ctx, "2016-10-10")) },
    { date: "2016-10-18", run: () => runDueReminders(on(ctx, "2016-10-18")) },
  ];
  for (const [unitId, o] of Object.entries(OUTCOMES)) {
    if (o.kind === "answer")
      steps.push({
        date: o.on,
        run: async () =>
          answerConsultation(on(ctx, o.on), officer, await body(o.on, unitId), { text: o.text }, null),
      });
    if (o.kind === "decline")
      steps.push({
        date: o.on,
        run: async () =>
          declineConsultation(on(ctx, o.on), officer, await body(o.on, unitId), { comment: o.comment }),
      });
    if (o.kind === "extension") {
      steps.push({
        date: o.asked,
        run: async () =>
          requestExtension(on(ctx, o.asked), officer, await body(o.asked, unitId), {
            until: o.until,
            reason: o.reason,
          }),
      });
      steps.push({
        date: o.asked,
        run: () =>
          decideExtension(on(ctx, o.asked), officer, id, bodies.get(unitId) ?? "", {
            decision: "grant",
            until: o.until,
          }),
      });
      steps.push({
        date: o.answer,
        run: async () =>
          answerConsultation(
            on(ctx, o.answer),
            officer,
            await body(o.answer, unitId),
            { text: o.text },
            null,
          ),
      });
    }
  }
  steps.sort((a, b) => a.date.localeCompare(b.date));
  for (const step of steps) await step.run();

  for (const [unitId, o] of Object.entries(OUTCOMES))
    if (o.kind === "answer" || o.kind === "extension")
      await assessAnswer(on(ctx, "2016-11-10"), officer, id, bodies.get(unitId) ?? "", {
        position: o.position,
        summary: o.text.split(/[.:]/)[0],
      });
  await closeConsultation(on(ctx, "2016-11-17"), officer, id);
  await registerCompilation(on(ctx, "2016-11-21"), officer, id);
  await markHistoricMailSent(ctx);
}

/**
 * The round's letters, receipts and reminders went out in 2016: the demo records them as sent
 * then, so a demo with an SMTP server configured does not mail them today.
 */
async function markHistoricMailSent(ctx: Ctx): Promise<void> {
  const historic = await pendingMailBefore(ctx.db, ctx.config.tenantId, "2017-01-01");
  for (const mail of historic) await markSent(ctx.db, mail.id, mail.created_at);
}
