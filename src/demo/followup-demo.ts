import crypto from "node:crypto";
import { createUser, listUsers, toActor, type UserRow } from "../auth/index.ts";
import {
  appointContact,
  assessVisitRequest,
  decideVisitRequest,
  listNetwork,
  receiveVisitRequest,
} from "../engagements/index.ts";
import { addWatchItem, recordComparison } from "../monitoring/index.ts";
import { savePlan } from "../planning/index.ts";
import type { Ctx } from "../platform/context.ts";
import { markSent, pendingMailBefore } from "../platform/mail/mail.store.ts";

/** Invented names only: no real persons. */
const FIRST = [
  "Alva",
  "Bruno",
  "Cilla",
  "Dante",
  "Elsa",
  "Frans",
  "Greta",
  "Hampus",
  "Ines",
  "Jonatan",
  "Kaja",
  "Leo",
];
const LAST = [
  "Ekbacke",
  "Fjällgren",
  "Granlund",
  "Hagström",
  "Isaksdotter",
  "Järnfors",
  "Kvarnberg",
  "Lindås",
];
/** These units have no contact person in the demo, so the list of units without one shows something. */
const WITHOUT_CONTACT = new Set(["forv-val", "forv-overformyndare", "bolag-hamnar"]);

const PLANS: [unitId: string, work: string, budget: number, outcome: string | null, cost: number | null][] = [
  [
    "slk",
    "Samordna stadens internationella arbete, kontaktnätet och årsrapporten.",
    900_000,
    "Kontaktnätet träffades fyra gånger; årsrapporten lämnades i mars.",
    860_000,
  ],
  [
    "forv-kultur",
    "Utbyte med nordiska huvudstäders kulturförvaltningar om bibliotek.",
    250_000,
    "Två studiebesök genomförda; ett avbokat.",
    180_000,
  ],
  [
    "forv-miljo",
    "Delta i ett europeiskt nätverk om luftkvalitet och jämföra mätmetoder.",
    320_000,
    "Mätmetoderna jämförda; rapport till nämnden i december.",
    340_000,
  ],
  ["forv-utbildning", "Ta emot besök om digitalt lärande och delta i en EU-ansökan.", 150_000, null, null],
  [
    "sdf-rinkeby-kista",
    "Utbyte om föreningsliv med städer där många invånare har sina rötter.",
    120_000,
    "Ett utbyte genomfört med god uppslutning.",
    95_000,
  ],
  [
    "bolag-business-region",
    "Profilering av regionen på två internationella mässor.",
    1_500_000,
    "Båda mässorna genomförda.",
    1_420_000,
  ],
];

/** City comparisons: invented figures for invented indices. */
const INDICES: [name: string, values: [year: number, rank: number | null, value: number | null][]][] = [
  [
    "Påhittat index för hållbara städer",
    [
      [2019, 12, 71.5],
      [2020, 10, 73.0],
      [2021, 9, 74.2],
      [2022, 7, 76.8],
      [2023, 8, 76.1],
      [2024, 6, 78.4],
      [2025, 5, 79.9],
    ],
  ],
  [
    "Påhittad rankning av innovationsregioner",
    [
      [2021, 15, null],
      [2022, 14, null],
      [2023, 11, null],
      [2024, 12, null],
      [2025, 9, null],
    ],
  ],
  [
    "Påhittat livskvalitetsindex",
    [
      [2020, null, 81.2],
      [2022, null, 82.0],
      [2024, null, 83.4],
      [2025, null, 83.1],
    ],
  ],
];

/**
 * The network's contact persons: each one a user account with the kontaktperson role for their
 * unit (issue 20), the demo's own contact person account included; the invented ones get a
 * password nobody knows (an admin may set one).
 */
async function seedContactNetwork(ctx: Ctx, year: number): Promise<void> {
  const existing = new Map(
    (await listUsers(ctx.db, ctx.config.tenantId))
      .filter((u) => u.role === "kontaktperson" && u.unit_id)
      .map((u) => [u.unit_id, u]),
  );
  let i = 0;
  for (const entry of await listNetwork(ctx)) {
    if (WITHOUT_CONTACT.has(entry.unitId)) continue;
    const first = FIRST[i % FIRST.length] ?? "Alva";
    const last = LAST[(i * 5) % LAST.length] ?? "Ekbacke";
    i++;
    const ascii = (text: string) => text.toLowerCase().replace(/[åä]/g, "a").replace(/ö/g, "o");
    const account =
      existing.get(entry.unitId) ??
      (await createUser(ctx, "system", {
        username: `kontakt-${entry.unitId}`,
        displayName: `${first} ${last} (demo)`,
        role: "kontaktperson",
        unitId: entry.unitId,
        email: ascii(`${first}.${last}@stockholm.example`),
        password: crypto.randomBytes(15).toString("base64url"),
      }));
    await appointContact(ctx, "system", {
      userId: account.id,
      appointedOn: `${year - 1}-0${(i % 9) + 1}-15`,
      appointedBy: "Förvaltningschefen",
    });
  }
}

/**
 * Demo data for the follow-up (issue 5): contact persons, plans for the last two years,
 * external monitoring and a few visit requests, so the annual report shows real content.
 */
export async function seedFollowupDemo(ctx: Ctx, officerRow: UserRow, year: number): Promise<void> {
  const officer = toActor(officerRow, "session", null);
  if (!officer) return;
  await seedContactNetwork(ctx, year);
  for (const [unitId, work, budget, outcome, cost] of PLANS) {
    await savePlan(ctx, "system", year, {
      unitId,
      plannedWork: work,
      budget,
      outcome: outcome ?? undefined,
      cost: cost ?? undefined,
    });
    await savePlan(ctx, "system", year + 1, { unitId, plannedWork: work, budget: Math.round(budget * 1.05) });
  }
  for (const [indexName, values] of INDICES)
    for (const [y, rank, value] of values)
      await recordComparison(ctx, "system", {
        indexName,
        year: y,
        rank: rank ?? undefined,
        value: value ?? undefined,
        source: "Påhittad källa (demo)",
      });
  const items: [kind: string, title: string, summary: string, observedOn: string][] = [
    [
      "event",
      "EU:s nya stadsagenda presenteras",
      "Kommissionen presenterar en agenda som berör stadens klimatarbete.",
      `${year}-02-10`,
    ],
    [
      "trend",
      "Fler städer inför lågutsläppszoner",
      "Allt fler europeiska storstäder inför zoner för tunga fordon.",
      `${year}-05-22`,
    ],
    [
      "research",
      "Studie om bibliotek som mötesplatser",
      "En nordisk studie visar att meröppna bibliotek ökar besöken.",
      `${year}-09-03`,
    ],
    [
      "ranking",
      "Staden klättrar i hållbarhetsindex",
      "Staden går från plats 6 till plats 5 i det påhittade indexet.",
      `${year}-11-30`,
    ],
  ];
  for (const [kind, title, summary, observedOn] of items)
    await addWatchItem(ctx, "system", { kind, title, summary, observedOn });

  const base = {
    contactName: "Demo Kontakt",
    participants: 6,
    politicalLevel: "normal",
  };
  await receiveVisitRequest(ctx, "public", {
    ...base,
    organisation: "Påhittade stadens socialförvaltning",
    country: "EE",
    contactEmail: "visits@city.example",
    visitFrom: `${year + 1}-09-14`,
    visitTo: `${year + 1}-09-15`,
    purpose: "Lära om stadens hemtjänst och dela erfarenheter av digitala trygghetslarm.",
    unitIds: ["forv-aldre"],
  });
  const assessed = await receiveVisitRequest(ctx, officer, {
    ...base,
    organisation: "Påhittad regionstyrelse",
    country: "SO",
    contactEmail: "delegation@region.example",
    visitFrom: `${year + 1}-10-05`,
    visitTo: `${year + 1}-10-07`,
    purpose: "Utbyte om föreningsliv och integration i förorter.",
    politicalLevel: "high",
    unitIds: ["sdf-rinkeby-kista", "forv-arbetsmarknad"],
  });
  await assessVisitRequest(ctx, officer, assessed.id, {
    mutualLearning: true,
    newPerspectives: true,
    serviceDevelopment: true,
    raisedCompetence: false,
    cityImage: true,
    residentTies: true,
    prioritised: true,
    assessmentNote:
      "Band till ett land som många invånare har sina rötter i; ömsesidigt lärande om föreningsliv.",
  });
  const declined = await receiveVisitRequest(ctx, officer, {
    ...base,
    organisation: "Påhittat konsultbolag",
    country: "GB",
    contactEmail: "tour@consult.example",
    visitFrom: `${year}-06-02`,
    visitTo: `${year}-06-02`,
    purpose: "Allmän studieresa utan tydligt utbyte.",
    unitIds: ["forv-stadsbyggnad"],
  });
  await assessVisitRequest(ctx, officer, declined.id, {
    mutualLearning: false,
    newPerspectives: false,
    serviceDevelopment: false,
    raisedCompetence: false,
    cityImage: false,
    residentTies: false,
    prioritised: false,
    assessmentNote: "Inget ömsesidigt utbyte; besöket ger inte verksamheten något.",
  });
  await decideVisitRequest(ctx, officer, declined.id, {
    outcome: "decline",
    outcomeNote: "Vi tackar för intresset men har inte möjlighet att ta emot besöket.",
    caseDiaryNumber: "KS 171-482/2016",
  });
  // The requests' receipts and notices go to invented addresses: recorded as sent, so a demo with
  // an SMTP server configured mails no one (as worklist-demo.ts does with its own).
  const now = ctx.clock.now();
  const queued = await pendingMailBefore(
    ctx.db,
    ctx.config.tenantId,
    new Date(now.getTime() + 1).toISOString(),
  );
  for (const mail of queued) await markSent(ctx.db, mail.id, now.toISOString());
}
