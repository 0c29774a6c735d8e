import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "../src/auth/actor.ts";
import { recordDecision } from "../src/engagements/decisions.service.ts";
import { registerEngagement, updateEngagement } from "../src/engagements/engagements.service.ts";
import { ManualClock } from "../src/platform/clock.ts";
import { AppError } from "../src/platform/errors.ts";
import { changeCaseStatus } from "../src/registry/cases.service.ts";
import { engagementWith } from "./fixtures/engagement-rules.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { demoActor, demoClassId } from "./helpers/demo.ts";

let t: TestApp;
let officer: UserActor;
let classId = "";

beforeAll(async () => {
  t = await buildTestApp({ clock: new ManualClock(new Date("2026-11-29T11:00:00Z")) });
  officer = await demoActor(t, "handlaggare");
  classId = await demoClassId(t, "2019", "1.4");
});
afterAll(async () => {
  await t.close();
});

const register = (override: Record<string, unknown> = {}) =>
  registerEngagement(
    t.ctx,
    officer,
    engagementWith(override, {
      unitId: "slk-kommunikation-omvarld",
      officerId: officer.id,
      registryId: "ks",
      classId,
    }),
  );
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
};

describe("engagements service", () => {
  it("writes the engagement, its child rows and an audit event together", async () => {
    const { engagement } = await register({ type: "eu_project" });
    const event = await t.ctx.db
      .selectFrom("audit_events")
      .selectAll()
      .where("subject_id", "=", engagement.id)
      .executeTakeFirstOrThrow();
    expect(event.action).toBe("engagement.register");
    expect(event.actor_label).toBe("handlaggare");
    const counterparts = await t.ctx.db
      .selectFrom("engagement_counterparts")
      .select(["country", "position"])
      .where("engagement_id", "=", engagement.id)
      .execute();
    expect(counterparts).toEqual([{ country: "BE", position: 0 }]);
  });

  it("never deletes a registered engagement or decision, on either database", async () => {
    const { engagement } = await register();
    await expect(
      t.ctx.db.deleteFrom("engagements").where("id", "=", engagement.id).execute(),
    ).rejects.toThrow();
    await expect(t.ctx.db.deleteFrom("engagement_decisions").execute()).rejects.toThrow();
  });

  it("refuses a decision on an engagement whose case is closed, writing nothing", async () => {
    const { engagement } = await register({ type: "trip" });
    await changeCaseStatus(t.ctx, officer, engagement.caseId, "close");
    const documents = await t.ctx.db
      .selectFrom("documents")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    const error = await failure(
      recordDecision(t.ctx, officer, engagement.id, {
        decidedOn: "2026-11-20",
        minutesParagraph: "§ 2",
        outcome: "approved",
      }),
    );
    expect(error.status).toBe(409);
    const after = await t.ctx.db
      .selectFrom("documents")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(documents.n));
  });

  it("keeps the facts a change leaves out: counterparts, financing and the flags are not reset", async () => {
    const { engagement } = await register({
      unitsAffected: 3,
      politicalLevel: "high",
      counterparts: [{ kind: "city", name: "Påhittstad", country: "DE" }],
      financing: [
        { source: "eu", funder: "Påhittad fond", sharePercent: 60 },
        { source: "city", sharePercent: 40 },
      ],
    });
    const { engagement: changed } = await updateEngagement(t.ctx, officer, engagement.id, {
      title: "Ny titel",
    });
    const { title: _old, updatedAt: _u, ...kept } = engagement;
    expect(changed).toMatchObject({ ...kept, title: "Ny titel" });
  });

  it("follows the chain KS → KF: a KS decision on a council matter is a proposal, KF's decision approves", async () => {
    const { engagement } = await register({ type: "membership", scope: "city" });
    expect(engagement.decidingBody).toBe("KF");
    const proposed = await recordDecision(t.ctx, officer, engagement.id, {
      body: "KS",
      decidedOn: "2026-11-18",
      minutesParagraph: "§ 21",
      outcome: "approved",
    });
    expect(proposed.status).toBe("proposed");
    const proposal = await t.ctx.db
      .selectFrom("documents")
      .select("description")
      .where("id", "=", proposed.decisions[0]?.documentId ?? "")
      .executeTakeFirstOrThrow();
    expect(proposal.description).toMatch(/^Kommunstyrelsens förslag till kommunfullmäktige, bifall: .*§ 21/);
    const decided = await recordDecision(t.ctx, officer, engagement.id, {
      decidedOn: "2026-11-25",
      minutesParagraph: "§ 7",
      outcome: "approved",
    });
    expect(decided.status).toBe("approved");
    expect(decided.decisions.map((d) => [d.body, d.outcome])).toEqual([
      ["KS", "approved"],
      ["KF", "approved"],
    ]);
  });

  it("refuses a decision by a body the routing did not name, with the routing's reason, writing nothing", async () => {
    const { engagement } = await register({ type: "membership", scope: "city" });
    const before = await t.ctx.db
      .selectFrom("engagement_decisions")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    const error = await failure(
      recordDecision(t.ctx, officer, engagement.id, {
        body: "IB",
        decidedOn: "2026-11-20",
        minutesParagraph: "§ 2",
        outcome: "approved",
      }),
    );
    expect(error.status).toBe(422);
    expect(error.fields.map((f) => [f.field, f.message])).toEqual([
      ["body", "engagement.body_not_routed.KF"],
      ["body", "engagement.routing.kf_city_membership"],
    ]);
    const after = await t.ctx.db
      .selectFrom("engagement_decisions")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("records a postponement without changing the status", async () => {
    const { engagement } = await register({ type: "network" });
    const e = await recordDecision(t.ctx, officer, engagement.id, {
      decidedOn: "2026-11-20",
      minutesParagraph: "§ 3",
      outcome: "postponed",
    });
    expect(e.status).toBe("proposed");
    expect(e.decisions.map((d) => [d.body, d.unitId, d.outcome])).toEqual([
      ["UNIT", "slk-kommunikation-omvarld", "postponed"],
    ]);
  });
});
