import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../src/auth/users.service.ts";
import { createUnit } from "../src/organisation/units.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import {
  ProviderBrowser,
  type ProviderPerson,
  startTestProvider,
  type TestProvider,
} from "./helpers/oidc-provider.ts";

const PUBLIC_URL = "http://localhost:3000";
const ADMIN_PASSWORD = "ett-langt-losenord-for-chefen-2026";
const STAFF_PASSWORD = "ett-langt-losenord-for-personal-2026";

const person = (login: string, extra: Partial<ProviderPerson> = {}): ProviderPerson => ({
  login,
  password: `pw-${login}`,
  sub: `sub-${login}`,
  name: `Person ${login}`,
  email: `${login}@stad.example`,
  preferred_username: `${login}@stad.example`,
  ...extra,
});

interface SignIn {
  next?: string;
  client?: TestClient;
  browser?: ProviderBrowser;
  /** Changes the authorization request on its way to the provider. */
  tamperRequest?: (url: URL) => void;
  /** Changes the provider's answer on its way back to kansli. */
  tamperAnswer?: (url: URL) => void;
}

/** Signs in through kansli's button and the provider's login page, as a browser would. */
async function signIn(t: TestApp, provider: TestProvider, login: string, o: SignIn = {}) {
  const client = o.client ?? new TestClient(t.app);
  const browser = o.browser ?? new ProviderBrowser();
  const start = await client.get(`/logga-in/oidc?next=${encodeURIComponent(o.next ?? "/konto")}`);
  expect(start.statusCode).toBe(303);
  const request = new URL(String(start.headers.location));
  o.tamperRequest?.(request);
  const password = provider.people.get(login)?.password ?? "";
  const answer = new URL(await browser.signIn(request.href, PUBLIC_URL, { login, password }));
  o.tamperAnswer?.(answer);
  const res = await client.get(answer.pathname + answer.search);
  return { client, browser, request, res };
}

const signedIn = async (client: TestClient) => (await client.get("/konto")).statusCode === 200;

describe("sign-in through the city's OpenID provider", () => {
  let t: TestApp;
  let provider: TestProvider;
  let unitId: string;
  let otherUnitId: string;
  const userBySubject = (subject: string) =>
    t.ctx.db
      .selectFrom("users")
      .selectAll()
      .where("tenant_id", "=", t.config.tenantId)
      .where("oidc_subject", "=", subject)
      .executeTakeFirst();
  const countUsers = async () => (await t.ctx.db.selectFrom("users").select("id").execute()).length;
  const countSessions = async () => (await t.ctx.db.selectFrom("sessions").select("id").execute()).length;
  const lastAuditSeq = async () =>
    (await t.ctx.db.selectFrom("audit_events").select("seq").orderBy("seq", "desc").executeTakeFirst())
      ?.seq ?? 0;
  /** The audit events written after `seq`, oldest first. */
  const auditSince = (seq: number) =>
    t.ctx.db
      .selectFrom("audit_events")
      .select(["action", "after_json"])
      .where("seq", ">", seq)
      .orderBy("seq")
      .execute();
  /** A refused sign-in wrote nothing but one `auth.login_failed` event, with this reason. */
  const expectOnlyFailure = async (seq: number, reason: string) => {
    const written = await auditSince(seq);
    expect(written.map((e) => e.action)).toEqual(["auth.login_failed"]);
    expect(JSON.parse(written[0]?.after_json ?? "{}")).toEqual({ method: "oidc", reason });
  };
  const admin = async () => {
    const client = new TestClient(t.app);
    expect((await client.login("admin", ADMIN_PASSWORD)).statusCode).toBe(303);
    return client;
  };
  const map = async (claimValue: string, role: string, unit = "") => {
    const client = await admin();
    await client.get("/admin/inloggning");
    return client.post("/admin/inloggning/ny", { claimValue, role, unitId: unit });
  };

  beforeAll(async () => {
    provider = await startTestProvider(PUBLIC_URL, [
      person("anna", { groups: ["grp-handlaggare"], amr: ["pwd", "mfa"], acr: "urn:kansli:test:loa3" }),
      person("bertil", { groups: ["grp-okand"] }),
      person("cecilia", { groups: ["grp-handlaggare"] }),
      person("david", { groups: ["grp-lasare", "grp-registrator"] }),
      person("erik", { groups: ["grp-handlaggare"], oid: "entra-oid-erik", email: "delad@stad.example" }),
      person("fanny", { roles: ["Kansli.Remissinstans"] }),
      person("gustav", { groups: ["grp-handlaggare"] }),
      person("helga", { groups: ["grp-handlaggare"] }),
      person("ivar", { groups: ["grp-handlaggare"], sub: "x".repeat(300) }),
      person("jonna", { groups: ["grp-handlaggare"] }),
    ]);
    t = await buildTestApp({ seed: false, env: provider.env });
    const system = "system" as const;
    unitId = (await createUnit(t.ctx, system, { name: "Stadsledningskontoret", type: "administration" })).id;
    otherUnitId = (await createUnit(t.ctx, system, { name: "Kulturförvaltningen", type: "administration" }))
      .id;
    const staff = { email: "delad@stad.example", role: "lasare", password: STAFF_PASSWORD };
    await createUser(t.ctx, system, {
      username: "admin",
      displayName: "Admin",
      role: "admin",
      password: ADMIN_PASSWORD,
    });
    await createUser(t.ctx, system, { username: "lokal", displayName: "Lokal", ...staff });
    expect((await map("grp-handlaggare", "handlaggare", unitId)).statusCode).toBe(303);
    expect((await map("grp-lasare", "lasare")).statusCode).toBe(303);
    expect((await map("grp-registrator", "registrator")).statusCode).toBe(303);
    expect((await map("Kansli.Remissinstans", "remissinstans", otherUnitId)).statusCode).toBe(303);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  it("offers the organisation's account on the sign-in page", async () => {
    const page = await new TestClient(t.app).get("/logga-in?next=/konto");
    expect(page.body).toContain("Logga in med organisationens konto");
    expect(page.body).toContain('href="/logga-in/oidc?next=%2Fkonto"');
    // Signing out sends the browser from a form on to the provider: the policy must allow it.
    expect(page.headers["content-security-policy"]).toContain(`form-action 'self' ${provider.issuer};`);
  });

  it("signs in with the code flow, PKCE, state and nonce, and creates the account at first sign-in", async () => {
    const before = await countUsers();
    const { client, request, res } = await signIn(t, provider, "anna", { next: "/konto" });
    // The request kansli sends the browser with.
    expect(`${request.origin}${request.pathname}`).toBe(`${provider.issuer}/auth`);
    const q = request.searchParams;
    expect(q.get("response_type")).toBe("code");
    expect(q.get("client_id")).toBe("kansli");
    expect(q.get("redirect_uri")).toBe(`${PUBLIC_URL}/logga-in/oidc/callback`);
    expect(q.get("code_challenge_method")).toBe("S256");
    expect(q.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(q.get("state")).toMatch(/^[\w-]{20,}$/);
    expect(q.get("nonce")).toMatch(/^[\w-]{20,}$/);
    expect(q.get("scope")).toBe("openid profile email");

    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/konto");
    expect(await signedIn(client)).toBe(true);
    expect(await countUsers()).toBe(before + 1);
    const user = await userBySubject("sub-anna");
    expect(user).toMatchObject({
      username: "anna",
      display_name: "Person anna",
      email: "anna@stad.example",
      role: "handlaggare",
      unit_id: unitId,
      password_hash: null,
      disabled_at: null,
    });
    // The session keeps how the person proved who they are, and the audit trail shows it.
    const session = await t.ctx.db
      .selectFrom("sessions")
      .selectAll()
      .where("user_id", "=", user?.id ?? "")
      .executeTakeFirstOrThrow();
    expect(session).toMatchObject({ method: "oidc", amr: "pwd mfa", acr: "urn:kansli:test:loa3" });
    const trail = await (await admin()).get("/admin/logg?action=auth.login");
    expect(trail.body).toContain("mfa");
    expect(trail.body).toContain("urn:kansli:test:loa3");
  });

  it("updates name and e-mail from the claims at each sign-in and keeps the same account", async () => {
    await signIn(t, provider, "cecilia");
    const first = await userBySubject("sub-cecilia");
    const cecilia = provider.people.get("cecilia") as ProviderPerson;
    cecilia.name = "Cecilia Gift";
    cecilia.email = "cecilia.gift@stad.example";
    const { client } = await signIn(t, provider, "cecilia");
    expect(await signedIn(client)).toBe(true);
    const again = await userBySubject("sub-cecilia");
    expect(again?.id).toBe(first?.id);
    expect(again).toMatchObject({ display_name: "Cecilia Gift", email: "cecilia.gift@stad.example" });
  });

  it("knows a person by Entra's oid, never by e-mail: a local account with the same address is not theirs", async () => {
    const before = await countUsers();
    await signIn(t, provider, "erik");
    const erik = await userBySubject("entra-oid-erik");
    expect(erik).toMatchObject({ email: "delad@stad.example", role: "handlaggare" });
    const local = await t.ctx.db
      .selectFrom("users")
      .selectAll()
      .where("username", "=", "lokal")
      .executeTakeFirst();
    expect(local).toMatchObject({ oidc_subject: null, role: "lasare" });
    expect(erik?.id).not.toBe(local?.id);
    // Entra's sub differs per application; the oid stays.
    (provider.people.get("erik") as ProviderPerson).sub = "sub-erik-other-app";
    await signIn(t, provider, "erik");
    expect(await countUsers()).toBe(before + 1);
  });

  it("gives the role and unit of the mapped group: the first role of several, a unit-bound role with its unit", async () => {
    await signIn(t, provider, "david");
    expect(await userBySubject("sub-david")).toMatchObject({ role: "registrator", unit_id: null });
    await signIn(t, provider, "fanny");
    expect(await userBySubject("sub-fanny")).toMatchObject({ role: "remissinstans", unit_id: otherUnitId });
  });

  it("checks the mapping form's answers all at once", async () => {
    const res = await map("", "remissinstans");
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Rollen måste knytas till en enhet");
    expect(res.body).toMatch(/claimValue/);
    const taken = await map("grp-lasare", "admin");
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain("Värdet har redan en roll");
  });

  it("lets an admin remove a mapping, with its audit event", async () => {
    expect((await map("grp-tillfallig", "lasare")).statusCode).toBe(303);
    const client = await admin();
    const { id } = await t.ctx.db
      .selectFrom("oidc_role_mappings")
      .select("id")
      .where("claim_value", "=", "grp-tillfallig")
      .executeTakeFirstOrThrow();
    const action = `/admin/inloggning/${id}/ta-bort`;
    expect((await client.get("/admin/inloggning")).body).toContain(`action="${action}"`);
    expect((await client.post(action)).statusCode).toBe(303);
    const after = (await client.get("/admin/inloggning")).body;
    expect(after).not.toContain("grp-tillfallig");
    expect(after).toContain("Kansli.Remissinstans");
    const removed = await t.ctx.db
      .selectFrom("audit_events")
      .select("before_json")
      .where("action", "=", "oidc.mapping_remove")
      .executeTakeFirst();
    expect(removed?.before_json).toContain("grp-tillfallig");
  });

  it('answers a person with no mapped group "Du har inte behörighet" and creates no account', async () => {
    const before = await countUsers();
    const seq = await lastAuditSeq();
    const { client, res } = await signIn(t, provider, "bertil");
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain("Du har inte behörighet");
    expect(await signedIn(client)).toBe(false);
    expect(await countUsers()).toBe(before);
    expect(await userBySubject("sub-bertil")).toBeUndefined();
    const written = await auditSince(seq);
    expect(written.map((e) => e.action)).toEqual(["auth.login_refused"]);
    expect(written[0]?.after_json).toContain("no_mapped_group");
  });

  it("disables the account at the next sign-in when the provider no longer puts the person in a mapped group", async () => {
    const { client: laptop } = await signIn(t, provider, "gustav");
    expect(await signedIn(laptop)).toBe(true);
    const token = /kansli_[\w-]+/.exec((await laptop.post("/konto/nycklar", { name: "Skript" })).body)?.[0];
    const asScript = () => t.app.inject({ url: "/api/v1/me", headers: { authorization: `Bearer ${token}` } });
    expect((await asScript()).statusCode).toBe(200);
    const gustav = provider.people.get("gustav") as ProviderPerson;
    gustav.groups = ["grp-okand"];
    const { res } = await signIn(t, provider, "gustav");
    expect(res.statusCode).toBe(403);
    expect((await userBySubject("sub-gustav"))?.disabled_at).not.toBeNull();
    // The session and API token they already had end with it.
    expect(await signedIn(laptop)).toBe(false);
    expect((await asScript()).statusCode).toBe(401);
    // Back in a mapped group, the provider vouches again.
    gustav.groups = ["grp-lasare"];
    const { client } = await signIn(t, provider, "gustav");
    expect(await signedIn(client)).toBe(true);
    expect(await userBySubject("sub-gustav")).toMatchObject({
      disabled_at: null,
      role: "lasare",
      unit_id: null,
    });
  });

  it("refuses an answer whose state was changed, and one that reaches another browser", async () => {
    const before = await countUsers();
    const tampered = await signIn(t, provider, "helga", {
      tamperAnswer: (url) => url.searchParams.set("state", "forged-state"),
    });
    expect(tampered.res.statusCode).toBe(400);
    expect(tampered.res.body).toContain("Inloggningen misslyckades");
    expect(await signedIn(tampered.client)).toBe(false);
    // An attacker's code sent to a victim's browser, which started no sign-in (login CSRF).
    const attacker = new TestClient(t.app);
    const start = await attacker.get("/logga-in/oidc");
    const answer = new URL(
      await new ProviderBrowser().signIn(String(start.headers.location), PUBLIC_URL, {
        login: "helga",
        password: "pw-helga",
      }),
    );
    const victim = new TestClient(t.app);
    const res = await victim.get(answer.pathname + answer.search);
    expect(res.statusCode).toBe(400);
    expect(await signedIn(victim)).toBe(false);
    expect(await countUsers()).toBe(before);
    const failures = await t.ctx.db
      .selectFrom("audit_events")
      .select("after_json")
      .where("action", "=", "auth.login_failed")
      .execute();
    expect(failures.map((f) => f.after_json).join()).toContain("no_pending_sign_in");
  });

  it("refuses an ID token whose nonce is not the one kansli sent", async () => {
    const seq = await lastAuditSeq();
    const { res, client } = await signIn(t, provider, "helga", {
      tamperRequest: (url) => url.searchParams.set("nonce", "forged-nonce-forged-nonce"),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Inloggningen misslyckades");
    expect(await signedIn(client)).toBe(false);
    expect(await userBySubject("sub-helga")).toBeUndefined();
    await expectOnlyFailure(seq, "OAUTH_JWT_CLAIM_COMPARISON_FAILED");
  });

  it("refuses a code issued for another PKCE challenge", async () => {
    const seq = await lastAuditSeq();
    const { res, client } = await signIn(t, provider, "helga", {
      tamperRequest: (url) => url.searchParams.set("code_challenge", "A".repeat(43)),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Inloggningen misslyckades");
    expect(await signedIn(client)).toBe(false);
    await expectOnlyFailure(seq, "invalid_grant");
  });

  it("refuses a replayed code: the whole callback, cookie and all, sent again after it was used", async () => {
    const client = new TestClient(t.app);
    let callback = "";
    let pendingCookie = "";
    const first = await signIn(t, provider, "helga", {
      client,
      tamperAnswer: (url) => {
        // What an attacker reading the browser's traffic or history holds: the address and the cookie.
        callback = url.pathname + url.search;
        pendingCookie = client.cookies.get("kansli_oidc") ?? "";
      },
    });
    expect(first.res.statusCode).toBe(303);
    expect(await signedIn(client)).toBe(true);
    expect(pendingCookie).not.toBe("");
    const users = await countUsers();
    const sessions = await countSessions();
    const seq = await lastAuditSeq();

    const attacker = new TestClient(t.app);
    attacker.cookies.set("kansli_oidc", pendingCookie);
    const replay = await attacker.get(callback);
    expect(replay.statusCode).toBe(400);
    expect(replay.body).toContain("Inloggningen misslyckades");
    expect(await signedIn(attacker)).toBe(false);
    expect(await countUsers()).toBe(users);
    expect(await countSessions()).toBe(sessions);
    // The provider refuses the code a second time: kansli never gets an ID token for it.
    await expectOnlyFailure(seq, "invalid_grant");
    // The real session is untouched.
    expect(await signedIn(client)).toBe(true);
  });

  it("refuses an ID token that has already expired when kansli checks it", async () => {
    const users = await countUsers();
    const sessions = await countSessions();
    const seq = await lastAuditSeq();
    // Two minutes past, well beyond openid-client's 30 seconds of clock tolerance.
    provider.expireIdTokens(120);
    try {
      const { res, client } = await signIn(t, provider, "jonna");
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain("Inloggningen misslyckades");
      expect(await signedIn(client)).toBe(false);
    } finally {
      provider.expireIdTokens(null);
    }
    expect(await userBySubject("sub-jonna")).toBeUndefined();
    expect(await countUsers()).toBe(users);
    expect(await countSessions()).toBe(sessions);
    await expectOnlyFailure(seq, "OAUTH_JWT_TIMESTAMP_CHECK_FAILED");
    // The same person with a fresh ID token gets in: the refusal was the token's age alone.
    const { client } = await signIn(t, provider, "jonna");
    expect(await signedIn(client)).toBe(true);
  });

  it("refuses an ID token without a usable subject", async () => {
    const before = await countUsers();
    const seq = await lastAuditSeq();
    const { res, client } = await signIn(t, provider, "ivar");
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Inloggningen misslyckades");
    expect(await signedIn(client)).toBe(false);
    expect(await countUsers()).toBe(before);
    await expectOnlyFailure(seq, "invalid_claims");
  });

  it("signs out of kansli and of the provider (RP-initiated logout)", async () => {
    const browser = new ProviderBrowser();
    const { client } = await signIn(t, provider, "anna", { browser });
    // Still signed in at the provider: the next sign-in needs no password.
    const logins = provider.logins();
    await signIn(t, provider, "anna", { browser, client });
    expect(provider.logins()).toBe(logins);

    await client.get("/konto");
    const out = await client.post("/logga-ut");
    expect(out.statusCode).toBe(303);
    const end = new URL(String(out.headers.location));
    expect(`${end.origin}${end.pathname}`).toBe(`${provider.issuer}/session/end`);
    expect(end.searchParams.get("client_id")).toBe("kansli");
    expect(end.searchParams.get("post_logout_redirect_uri")).toBe(`${PUBLIC_URL}/logga-in?utloggad=1`);
    expect(await signedIn(client)).toBe(false);
    expect(await browser.confirmLogout(end.href)).toBe(`${PUBLIC_URL}/logga-in?utloggad=1`);
    // The provider's session is gone too: signing in asks for the password again.
    await signIn(t, provider, "anna", { browser });
    expect(provider.logins()).toBe(logins + 1);
  });

  it("signs a password session out of kansli alone", async () => {
    const client = await admin();
    const out = await client.post("/logga-ut");
    expect(out.headers.location).toBe("/logga-in?utloggad=1");
  });

  it("gives a person without a password no way in by password, and API tokens keep working", async () => {
    const { client } = await signIn(t, provider, "anna");
    const password = new TestClient(t.app);
    await password.login("anna", "");
    expect((await password.login("anna", "any-password-at-all-2026")).statusCode).toBe(401);
    await client.get("/konto");
    const created = await client.post("/konto/nycklar", { name: "Integration" });
    const token = /kansli_[\w-]+/.exec(created.body)?.[0];
    expect(token).toBeDefined();
    const me = await t.app.inject({ url: "/api/v1/me", headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: "anna" });
  });
});

describe("break-glass: password sign-in for one account only", () => {
  let t: TestApp;
  let provider: TestProvider;
  beforeAll(async () => {
    provider = await startTestProvider(PUBLIC_URL);
    t = await buildTestApp({ seed: false, env: { ...provider.env, KANSLI_BREAK_GLASS_USER: "nodkonto" } });
    const base = { role: "admin", password: ADMIN_PASSWORD };
    await createUser(t.ctx, "system", { username: "nodkonto", displayName: "Nödkonto", ...base });
    await createUser(t.ctx, "system", { username: "vanlig", displayName: "Vanlig admin", ...base });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  it("lets the break-glass account in with its password and refuses every other local account", async () => {
    const page = await new TestClient(t.app).get("/logga-in");
    expect(page.body).toContain("Nödkonto");
    expect(page.body).toContain("Logga in med organisationens konto");
    const other = new TestClient(t.app);
    const refused = await other.login("vanlig", ADMIN_PASSWORD);
    expect(refused.statusCode).toBe(401);
    expect(await signedIn(other)).toBe(false);
    const reason = await t.ctx.db
      .selectFrom("audit_events")
      .select("after_json")
      .where("action", "=", "auth.login_failed")
      .executeTakeFirst();
    expect(reason?.after_json).toContain("password_login_off");
    const glass = new TestClient(t.app);
    expect((await glass.login("nodkonto", ADMIN_PASSWORD)).statusCode).toBe(303);
    expect(await signedIn(glass)).toBe(true);
  });
});
