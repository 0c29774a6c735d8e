import crypto from "node:crypto";
import { countUsers, createUser, passwordProblems, type Role, toActor, type UserRow } from "../auth/index.ts";
import { ConfigError } from "../config.ts";
import { countUnits, importUnits } from "../organisation/index.ts";
import { stockholmDate } from "../platform/calendar/civil-date.ts";
import type { Ctx } from "../platform/context.ts";
import { translator } from "../platform/i18n/index.ts";
import { seedConsultationDemo } from "./consultation-demo.ts";
import { seedDisposalDemo } from "./disposal-demo.ts";
import { seedEngagementsDemo } from "./engagements-demo.ts";
import { seedFollowupDemo } from "./followup-demo.ts";
import { seedRegistryDemo } from "./registry-demo.ts";
import { SIGNATORIES, seedStrategyDecisions, seedStrategyReport } from "./strategy-chain-demo.ts";
import { DEMO_UNITS } from "./units-demo.ts";
import { seedWorklistDemo } from "./worklist-demo.ts";

export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
  unitId: string | null;
  password: string;
}

/** One account per role; the username is the role's name. Invented people, never real ones. */
const DEMO_PEOPLE: Omit<DemoAccount, "password">[] = [
  { username: "admin", role: "admin", displayName: "Ada Admin (demo)", unitId: "slk" },
  { username: "registrator", role: "registrator", displayName: "Rut Registrator (demo)", unitId: "slk" },
  {
    username: "handlaggare",
    role: "handlaggare",
    displayName: "Hugo Handläggare (demo)",
    unitId: "slk-kommunikation-omvarld",
  },
  {
    username: "remissinstans",
    role: "remissinstans",
    displayName: "Ronja Remissvar (demo)",
    unitId: "sdn-sodermalm",
  },
  {
    username: "kontaktperson",
    role: "kontaktperson",
    displayName: "Kim Kontaktsson (demo)",
    unitId: "forv-kultur",
  },
  {
    username: "beslutsfattare",
    role: "beslutsfattare",
    displayName: "Bo Beslutsson (demo)",
    unitId: "finansroteln",
  },
  { username: "lasare", role: "lasare", displayName: "Lo Läsare (demo)", unitId: null },
];

export const isDatabaseEmpty = async (ctx: Ctx): Promise<boolean> =>
  (await countUnits(ctx.db, ctx.config.tenantId)) === 0 &&
  (await countUsers(ctx.db, ctx.config.tenantId)) === 0;

const generatedPassword = () => crypto.randomBytes(15).toString("base64url");

/**
 * Loads the Stockholm demo: the organisation and one account per role. With a fixed
 * demo password every account gets it; otherwise each gets its own, returned once.
 */
export async function seedDemo(ctx: Ctx, demoPassword: string | null): Promise<DemoAccount[]> {
  // Check the chosen password against every account before writing anything.
  if (demoPassword !== null) {
    const usernames = [...DEMO_PEOPLE, ...SIGNATORIES].map((p) => p.username);
    const problems = new Set(usernames.flatMap((username) => passwordProblems(demoPassword, username)));
    if (problems.size > 0) {
      const t = translator("en");
      throw new ConfigError(
        `KANSLI_DEMO_PASSWORD: ${[...problems].map((p) => t(`password.${p}`)).join("; ")}`,
      );
    }
  }
  await importUnits(
    ctx,
    "system",
    DEMO_UNITS.map((u) => ({ ...u, shortName: u.shortName ?? undefined, parentId: u.parentId ?? undefined })),
  );
  let officer: UserRow | null = null;
  let registrar: UserRow | null = null;
  const accounts: DemoAccount[] = [];
  for (const person of DEMO_PEOPLE) {
    const password = demoPassword ?? generatedPassword();
    const user = await createUser(ctx, "system", {
      username: person.username,
      displayName: person.displayName,
      role: person.role,
      unitId: person.unitId ?? undefined,
      email: `${person.username}@stockholm.example`,
      password,
    });
    accounts.push({ ...person, password });
    if (person.role === "handlaggare") officer = user;
    if (person.role === "registrator") registrar = user;
  }
  // The last full year, so that every generated date lies in the past.
  if (officer) {
    const strategyCaseId = await seedRegistryDemo(
      ctx,
      officer,
      Number(stockholmDate(ctx.clock.now()).slice(0, 4)) - 1,
    );
    const actor = toActor(officer, "session", null);
    const registrarActor = registrar && toActor(registrar, "session", null);
    // The strategy's chain (issue 19): its report, the round on it, then KS's proposal and KF's decision.
    const reportDocumentId =
      actor &&
      (await seedStrategyReport(ctx, actor, strategyCaseId, () => demoPassword ?? generatedPassword()));
    if (actor) await seedConsultationDemo(ctx, actor, strategyCaseId);
    if (registrarActor && reportDocumentId)
      await seedStrategyDecisions(ctx, registrarActor, reportDocumentId);
    if (actor && registrarActor)
      await seedWorklistDemo(ctx, { officer: actor, registrar: registrarActor }, strategyCaseId);
  }
  await seedDisposalDemo(ctx);
  if (officer) await seedEngagementsDemo(ctx, officer);
  if (officer) await seedFollowupDemo(ctx, officer, Number(stockholmDate(ctx.clock.now()).slice(0, 4)) - 1);
  return accounts;
}
