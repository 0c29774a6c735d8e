import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "../src/auth/actor.ts";
import { recordDecision } from "../src/engagements/decisions.service.ts";
import {
  getEngagement,
  registerEngagement,
  updateEngagement,
} from "../src/engagements/engagements.service.ts";
import { sendNetworkMessage } from "../src/engagements/network/network.service.ts";
import { recordReview } from "../src/engagements/reviews/reviews.service.ts";
import {
  assessVisitRequest,
  decideVisitRequest,
  getVisitRequest,
  moveVisitRequest,
  receiveVisitRequest,
  writeInvitationLetter,
  writeOffVisitRequest,
} from "../src/engagements/visits/visits.service.ts";
import { ManualClock } from "../src/platform/clock.ts";
import type { Database } from "../src/platform/db/schema.ts";
import { AppError } from "../src/platform/errors.ts";
import { decideCopyRequest } from "../src/registry/public/copy-decision.service.ts";
import { requestCopy } from "../src/registry/public/copy-requests.service.ts";
import { engagementWith } from "./fixtures/engagement-rules.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { rowCount, TEST_DIALECT } from "./helpers/database.ts";
import { demoActor, demoClassId } from "./helpers/demo.ts";

/**
 * One write path (issue 18): a use case's writes commit together or not at all. Each test makes
 * the database itself refuse the use case's last write (a trigger on the audit event it ends
 * with), finds nothing of it written, and then sees it succeed once the trigger is gone.
 */

const CASE = "KS 171-482/2016";
let t: TestApp;
let officer: UserActor;
let decider: UserActor;
let classId = "";

beforeAll(async () => {
  t = await buildTestApp({ clock: new ManualClock(new Date("2026-03-09T09:00:00Z")) });
  officer = await demoActor(t, "handlaggare");
  decider = await demoActor(t, "beslutsfattare");
  classId = await demoClassId(t, "2019", "1.4");
});
afterAll(async () => {
  await t.close();
});
afterEach(async () => {
  await removeFailure();
});

const TRIGGER = "test_injected_failure";

/** Makes the database refuse the audit event of `action`: the last write of every use case. */
async function failAuditOf(action: string): Promise<void> {
  if (TEST_DIALECT === "postgres")
    await t.database.raw(`
      create function ${TRIGGER}() returns trigger language plpgsql as $$
      begin raise exception 'injected'; end $$;
      create trigger ${TRIGGER} before insert on audit_events
      for each row when (new.action = '${action}') execute function ${TRIGGER}();`);
  else
    await t.database.raw(`
      create trigger ${TRIGGER} before insert on audit_events when new.action = '${action}'
      begin select raise(abort, 'injected'); end;`);
}

async function removeFailure(): Promise<void> {
  if (TEST_DIALECT === "postgres") await t.database.raw(`drop function if exists ${TRIGGER}() cascade`);
  else await t.database.raw(`drop trigger if exists ${TRIGGER}`);
}

/** Every table a use case here writes to. */
const WRITTEN = [
  "cases",
  "case_parties",
  "diary_counters",
  "documents",
  "document_files",
  "engagements",
  "engagement_directions",
  "engagement_counterparts",
  "engagement_financing",
  "engagement_decisions",
  "engagement_reviews",
  "visit_requests",
  "visit_request_units",
  "network_messages",
  "copy_requests",
  "mail_outbox",
  "audit_events",
] as const satisfies readonly (keyof Database)[];

type Written = (typeof WRITTEN)[number];

async function counts(): Promise<Record<Written, number>> {
  const out = {} as Record<Written, number>;
  for (const table of WRITTEN) out[table] = await rowCount(t.ctx.db, table);
  return out;
}

/**
 * Runs `useCase` with its last write (the audit event `action`) refused: it fails, and no table
 * holds a row more than before, nor does `state` (the rows it would change) differ. Then it runs
 * again without the failure, and its result is returned.
 */
async function failsWhole<T>(
  action: string,
  useCase: () => Promise<T>,
  state: () => Promise<unknown> = async () => null,
): Promise<T> {
  const before = await counts();
  const stateBefore = await state();
  await failAuditOf(action);
  await expect(useCase()).rejects.toThrow(/injected/);
  expect(await counts()).toEqual(before);
  expect(await state()).toEqual(stateBefore);
  await removeFailure();
  return useCase();
}

const newEngagement = (override: Record<string, unknown> = {}) =>
  engagementWith(override, {
    unitId: "slk-kommunikation-omvarld",
    officerId: officer.id,
    registryId: "ks",
    classId,
  });

const VISIT = {
  organisation: "Helsingin kaupunki, sosiaalitoimi",
  country: "fi",
  contactName: "Aino Keksitty",
  contactEmail: "aino.keksitty@example.fi",
  visitFrom: "2026-05-11",
  visitTo: "2026-05-12",
  participants: "8",
  purpose: "Utbyte om äldreomsorgens digitala stöd.",
  politicalLevel: "normal",
  unitIds: ["forv-kultur"],
};
const SUPPORTS = {
  mutualLearning: true,
  newPerspectives: true,
  serviceDevelopment: false,
  raisedCompetence: false,
  cityImage: true,
  residentTies: false,
  prioritised: true,
  assessmentNote: "Ömsesidigt lärande om digitalt stöd i äldreomsorgen.",
};

async function assessedVisit() {
  const v = await receiveVisitRequest(t.ctx, officer, VISIT);
  await assessVisitRequest(t.ctx, officer, v.id, SUPPORTS);
  return v;
}

describe("one write path: a use case is written whole or not at all", () => {
  it("registering an engagement in a new case leaves no case behind", async () => {
    const { engagement } = await failsWhole("engagement.register", () =>
      registerEngagement(t.ctx, officer, newEngagement()),
    );
    expect(engagement.caseId).toBeTruthy();
  });

  it("changing an engagement leaves it as it was", async () => {
    const { engagement } = await registerEngagement(t.ctx, officer, newEngagement());
    const changed = await failsWhole(
      "engagement.update",
      () => updateEngagement(t.ctx, officer, engagement.id, { title: "Ny titel på arbetsgruppen" }),
      () => getEngagement(t.ctx, engagement.id),
    );
    expect(changed.engagement.title).toBe("Ny titel på arbetsgruppen");
  });

  it("recording a decision leaves no registered document behind", async () => {
    const { engagement } = await registerEngagement(t.ctx, officer, newEngagement());
    const decide = () =>
      recordDecision(t.ctx, officer, engagement.id, {
        decidedOn: "2026-03-02",
        minutesParagraph: "§ 7",
        outcome: "approved",
      });
    const decided = await failsWhole("engagement.decide", decide, () => getEngagement(t.ctx, engagement.id));
    expect(decided.status).toBe("approved");
    expect(decided.decisions).toHaveLength(1);
  });

  it("receiving a visit request leaves no request behind", async () => {
    const v = await failsWhole("visit_request.receive", () => receiveVisitRequest(t.ctx, officer, VISIT));
    expect(v.status).toBe("received");
  });

  it("assessing a visit request leaves it unassessed", async () => {
    const v = await receiveVisitRequest(t.ctx, officer, VISIT);
    const assessed = await failsWhole(
      "visit_request.assess",
      () => assessVisitRequest(t.ctx, officer, v.id, SUPPORTS),
      () => getVisitRequest(t.ctx, v.id),
    );
    expect(assessed.status).toBe("assessed");
  });

  it("declining a visit leaves no outgoing letter behind", async () => {
    const v = await assessedVisit();
    const decided = await failsWhole(
      "visit_request.decide",
      () =>
        decideVisitRequest(t.ctx, officer, v.id, {
          outcome: "decline",
          outcomeNote: "Tyvärr har vi inte möjlighet i maj.",
          caseDiaryNumber: CASE,
        }),
      () => getVisitRequest(t.ctx, v.id),
    );
    expect(decided).toMatchObject({ status: "decided", letterKind: "decline", engagementId: null });
  });

  it("accepting a visit leaves neither its letter nor its engagement behind", async () => {
    const v = await assessedVisit();
    const decided = await failsWhole(
      "visit_request.decide",
      () =>
        decideVisitRequest(t.ctx, officer, v.id, {
          outcome: "accept",
          outcomeNote: "Programmet skickas i april.",
          caseDiaryNumber: CASE,
        }),
      () => getVisitRequest(t.ctx, v.id),
    );
    expect(decided).toMatchObject({ status: "decided", letterKind: "acceptance" });
    expect(decided.engagementId).toBeTruthy();
  });

  it("writing a visit request off leaves its document unsigned and its case open", async () => {
    const v = await receiveVisitRequest(t.ctx, officer, VISIT);
    const state = async () => [
      await getVisitRequest(t.ctx, v.id),
      await t.ctx.db
        .selectFrom("documents")
        .selectAll()
        .where("id", "=", v.documentId ?? "")
        .execute(),
      await t.ctx.db
        .selectFrom("cases")
        .selectAll()
        .where("id", "=", v.caseId ?? "")
        .execute(),
    ];
    const done = await failsWhole(
      "visit_request.write_off",
      () => writeOffVisitRequest(t.ctx, officer, v.id, { reason: "Reklam." }),
      state,
    );
    expect(done.status).toBe("written_off");
  });

  it("moving a visit request to another case leaves it, its document and its own case as they were", async () => {
    const v = await receiveVisitRequest(t.ctx, officer, VISIT);
    const state = async () => [
      await getVisitRequest(t.ctx, v.id),
      await t.ctx.db
        .selectFrom("documents")
        .selectAll()
        .where("id", "=", v.documentId ?? "")
        .execute(),
      await t.ctx.db
        .selectFrom("cases")
        .selectAll()
        .where("id", "=", v.caseId ?? "")
        .execute(),
    ];
    const moved = await failsWhole(
      "visit_request.move",
      () => moveVisitRequest(t.ctx, officer, v.id, { caseDiaryNumber: CASE }),
      state,
    );
    expect(moved.diaryNumber).toBe(CASE);
  });

  it("writing an invitation letter leaves no letter behind", async () => {
    const contact = await demoActor(t, "kontaktperson");
    const v = await assessedVisit();
    const accepted = await decideVisitRequest(t.ctx, contact, v.id, {
      outcome: "accept",
      outcomeNote: "Programmet skickas i april.",
    });
    await recordDecision(t.ctx, decider, accepted.engagementId ?? "", {
      decidedOn: "2026-03-09",
      minutesParagraph: "§ 12",
      outcome: "approved",
    });
    const written = await failsWhole(
      "visit_request.invitation_letter",
      () => writeInvitationLetter(t.ctx, contact, v.id, { participantNames: ["Aino Keksitty"] }),
      () => getVisitRequest(t.ctx, v.id),
    );
    expect(written.invitationDocumentId).toBeTruthy();
  });

  it("two decisions on one request at once: one is written whole, the other leaves nothing", async () => {
    const v = await assessedVisit();
    const before = await counts();
    const decide = () =>
      decideVisitRequest(t.ctx, officer, v.id, {
        outcome: "decline",
        outcomeNote: "Tyvärr har vi inte möjlighet i maj.",
        caseDiaryNumber: CASE,
      });
    const results = await Promise.allSettled([decide(), decide()]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refusals = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(refusals.map((e) => (e instanceof AppError ? e.status : e))).toEqual([409]);
    const after = await counts();
    expect(after.documents).toBe(before.documents + 1);
    // The letter, the decision, and the request's document signed off with it.
    expect(after.audit_events).toBe(before.audit_events + 3);
  });

  it("a message to the network leaves neither its document nor its mail behind", async () => {
    const sent = await failsWhole("network_message.send", () =>
      sendNetworkMessage(t.ctx, officer, {
        diaryNumber: CASE,
        subject: "Nätverksträff om internationella besök",
        body: "Välkomna till nätverksträff den 12 mars.",
      }),
    );
    expect(sent.recipients).toBeGreaterThan(0);
  });

  it("a review leaves the engagement unreviewed, and once written changes only its review dates", async () => {
    const { engagement } = await registerEngagement(
      t.ctx,
      officer,
      newEngagement({ type: "membership", startDate: "2018-01-01", lastReviewedOn: "2022-04-01" }),
    );
    const decided = await recordDecision(t.ctx, decider, engagement.id, {
      decidedOn: "2018-01-15",
      minutesParagraph: "§ 4",
      outcome: "approved",
    });
    const review = await failsWhole(
      "engagement.review",
      () =>
        recordReview(t.ctx, officer, engagement.id, {
          reviewedOn: "2026-03-09",
          outcome: "continue",
          note: "Nätverket ger fortsatt nytta.",
        }),
      () => getEngagement(t.ctx, engagement.id),
    );
    expect(review.nextReviewOn).toBe("2030-03-09");
    const { reviewDate: _r, lastReviewedOn: _l, updatedAt: _u, ...unchanged } = decided;
    expect(await getEngagement(t.ctx, engagement.id)).toEqual({
      ...unchanged,
      reviewDate: "2030-03-09",
      lastReviewedOn: "2026-03-09",
      updatedAt: expect.any(String),
    });
  });

  it("a copy request leaves neither its case nor its request document behind, nor its decision letter or mail", async () => {
    const report = await t.ctx.db
      .selectFrom("documents as d")
      .innerJoin("cases as c", "c.id", "d.case_id")
      .select("d.id")
      .where("c.diary_number", "=", CASE)
      .where("d.status", "=", "registered")
      .executeTakeFirstOrThrow();
    const request = await failsWhole("copy_request.receive", () =>
      requestCopy(t.ctx, report.id, { delivery: "email", email: "nyfiken@example.se" }),
    );
    const registrator = await demoActor(t, "registrator");
    const state = () =>
      t.ctx.db
        .selectFrom("copy_requests")
        .select(["status", "outcome", "decision_document_id"])
        .where("id", "=", request.id)
        .executeTakeFirstOrThrow();
    await failsWhole(
      "copy_request.decide",
      () => decideCopyRequest(t.ctx, registrator, request.id, { outcome: "sent", deliveredBy: "email" }),
      state,
    );
    expect(await state()).toMatchObject({ status: "handled", outcome: "sent" });
  });
});
