import type { UserActor } from "../auth/index.ts";
import {
  accessForUser,
  allRecipients,
  answerConsultation,
  createConsultation,
  lastDayRule,
  requestExtension,
  runDueReminders,
  sendConsultation,
} from "../consultation/index.ts";
import { receiveVisitRequest } from "../engagements/index.ts";
import { readImport, uploadForImport } from "../import/index.ts";
import { addCivilDays, stockholmDate } from "../platform/calendar/civil-date.ts";
import type { Ctx } from "../platform/context.ts";
import { markSent, pendingMailBefore } from "../platform/mail/mail.store.ts";
import {
  allClasses,
  getCase,
  getCaseDocuments,
  openCase,
  registerDocument,
  requestCopy,
} from "../registry/index.ts";

/** The context as it was `days` ago, at this time of day: nothing the demo does lies in the future. */
const daysAgo = (ctx: Ctx, days: number): Ctx => {
  const at = new Date(ctx.clock.now().getTime() - days * 86_400_000);
  return { ...ctx, clock: { now: () => at } };
};

/**
 * Work that waits today, so that each demo role's start page shows what it would on a working
 * day: a round past its deadline with answers to assess, a body that is late and one asking for
 * more time; a round still out that Södermalm (the demo remissinstans) has to answer; letters
 * due for a reply; a visit request for Kulturförvaltningen (the demo contact person); a
 * ministry's consultation uploaded for import and waiting for the registrator's review; a
 * request from the public for a copy of the strategy's cover letter. Names
 * and texts are invented.
 */
export async function seedWorklistDemo(
  ctx: Ctx,
  { officer, registrar }: { officer: UserActor; registrar: UserActor },
  strategyCaseId: string,
): Promise<void> {
  const today = stockholmDate(ctx.clock.now());
  const strategy = await getCase(ctx, strategyCaseId);
  const classes = await allClasses(ctx.db, ctx.config.tenantId, today);
  // The strategy's class as the current scheme has it (the strategy was filed under the old one).
  const filedUnder = classes.find((c) => c.id === strategy.classId);
  const classId =
    classes.find((c) => c.current && c.code === filedUnder?.code)?.id ?? classes.find((c) => c.current)?.id;
  const ago = (days: number) => daysAgo(ctx, days);

  const plan = await openCase(ago(60), "system", {
    registryId: "ks",
    title: "Handlingsplan för stadens internationella besök",
    classId,
    unitId: "slk-kommunikation-omvarld",
    officerId: officer.id,
    openedOn: addCivilDays(today, -60),
  });
  const late = await createConsultation(ago(45), officer, plan.id, {
    title: "Remiss av handlingsplan för stadens internationella besök",
    deadline: lastDayRule(addCivilDays(today, -7)),
    instructions: "Svara gärna kortfattat; synpunkter på avsnitt 3 om studiebesök är särskilt välkomna.",
    officerId: officer.id,
    contact: "Hugo Handläggare (demo), tfn 08-508 00 001",
    unitIds: ["sdn-sodermalm", "sdn-rinkeby-kista", "fn-kultur", "fn-utbildning"],
  });
  await sendConsultation(ago(45), officer, late.consultation.id);
  const bodies = new Map(allRecipients(late.consultation).map((r) => [r.unitId ?? "", r.id]));
  const body = (days: number, unitId: string) => accessForUser(ago(days), officer, bodies.get(unitId) ?? "");
  await answerConsultation(
    ago(8),
    officer,
    await body(8, "sdn-sodermalm"),
    {
      text: "Stadsdelsnämnden tillstyrker handlingsplanen och vill samordna besöken med skolornas utbyten.",
    },
    null,
  );
  await answerConsultation(
    ago(2),
    officer,
    await body(2, "fn-kultur"),
    {
      text: "Kulturnämnden tillstyrker med en synpunkt på mottagandet av delegationer i kulturhusen.",
    },
    null,
  );
  await requestExtension(ago(6), officer, await body(6, "fn-utbildning"), {
    until: lastDayRule(addCivilDays(today, 10)),
    reason: "Nämnden sammanträder först nästa vecka.",
  });

  const open = await createConsultation(ago(3), officer, plan.id, {
    title: "Remiss av riktlinjer för vänortssamarbete",
    deadline: lastDayRule(addCivilDays(today, 25)),
    instructions: "Ange om nämnden tillstyrker, avstyrker eller har synpunkter.",
    officerId: officer.id,
    contact: "Hugo Handläggare (demo), tfn 08-508 00 001",
    groups: ["district"],
  });
  await sendConsultation(ago(3), officer, open.consultation.id);

  for (const [days, dueIn, party] of [
    [20, -2, "Påhittade regionen Nord"],
    [4, 5, "Exempelstadens vänortskommitté"],
  ] as const)
    await registerDocument(
      ago(days),
      "system",
      plan.id,
      {
        direction: "incoming",
        date: addCivilDays(today, -days),
        party,
        description: `Skrivelse om besöksprogram från ${party}`,
        dueDate: addCivilDays(today, dueIn),
      },
      { fileName: "skrivelse.txt", bytes: Buffer.from(`${party}\n\nVi önskar besöka staden under våren.\n`) },
    );

  await receiveVisitRequest(ago(1), "public", {
    organisation: "Påhittade kulturrådet i Exempelland",
    country: "NO",
    contactName: "Kari Exempel",
    contactEmail: "kari@kulturradet.example",
    visitFrom: addCivilDays(today, 40),
    visitTo: addCivilDays(today, 42),
    participants: "6",
    purpose: "Studiebesök om stadens bibliotek och kulturhus.",
    politicalLevel: "normal",
    unitIds: ["forv-kultur"],
  });

  const missiv = (await getCaseDocuments(ctx, strategyCaseId)).find(
    (d) => d.status === "registered" && d.secrecy === null && d.description.startsWith("Missiv"),
  );
  if (missiv)
    await requestCopy(ago(0), missiv.id, {
      requesterName: "Sam Exempelsson",
      delivery: "email",
      email: "sam@exempel.example",
      message: "Jag vill ha en kopia av missivet till remissen.",
    });
  const upload = await uploadForImport(ago(0), registrar, {
    fileName: "remiss-exempeldepartementet.txt",
    bytes: Buffer.from(MINISTRY_LETTER),
  });
  // Read now rather than by the server's background reader: the demo starts with it to review.
  await readImport(ago(0), upload.id);
  // The reminder worker has done today's round: the late body was reminded.
  await runDueReminders(ctx);
  // The demo's letters and receipts go to invented addresses: recorded as sent, so a demo with an
  // SMTP server configured mails no one.
  const now = ctx.clock.now().toISOString();
  for (const mail of await pendingMailBefore(ctx.db, ctx.config.tenantId, now))
    await markSent(ctx.db, mail.id, now);
}

const MINISTRY_LETTER = `Exempeldepartementet
Remiss
2026-11-30
Dnr Ex2026/01234

Remiss av promemorian Kommunernas internationella samarbete

Remissinstanser
Stockholms kommun
Göteborgs kommun
Malmö kommun

Remissvaren ska ha kommit in till Exempeldepartementet senast den 27 februari 2027.

Kim Exempelsson
Departementssekreterare
`;
