import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, SETTINGS } from "../src/config.ts";

const OIDC = {
  KANSLI_OIDC_ISSUER: "https://login.microsoftonline.com/stad-tenant-id/v2.0",
  KANSLI_OIDC_CLIENT_ID: "kansli",
  KANSLI_OIDC_CLIENT_SECRET: "hemligt",
};

describe("configuration", () => {
  it("has the documented defaults", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: "127.0.0.1",
      databaseUrl: null,
      demoPassword: null,
      tenantId: "stockholm",
      consultationMinWeeks: 6,
      consultationGraceDays: 30,
      reminderDaysBefore: [7],
      reminderDaysAfter: [1, 7],
      cityName: "Stockholms stad",
      logoPath: null,
    });
    expect(c.dataDir).toBe(path.resolve("./data"));
  });

  it("takes CLI flags over the environment", () => {
    const c = loadConfig({ PORT: "4000", HOST: "0.0.0.0" }, { port: "5000" });
    expect(c.port).toBe(5000);
    expect(loadConfig({ KANSLI_CONSULTATION_MIN_WEEKS: "4" }).consultationMinWeeks).toBe(4);
    expect(c.host).toBe("0.0.0.0");
  });

  it("trusts no proxy unless told which", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ KANSLI_TRUST_PROXY: "true" }).trustProxy).toBe(true);
    expect(loadConfig({ KANSLI_TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(loadConfig({ KANSLI_TRUST_PROXY: "10.0.0.0/8, ::1,loopback" }).trustProxy).toBe(
      "10.0.0.0/8,::1,loopback",
    );
  });

  it("reads reminder days as a sorted list, or none", () => {
    expect(loadConfig({ KANSLI_REMINDER_DAYS_AFTER: "14, 3,3" }).reminderDaysAfter).toEqual([3, 14]);
    expect(loadConfig({ KANSLI_REMINDER_DAYS_BEFORE: "none" }).reminderDaysBefore).toEqual([]);
  });

  it("reads the OpenID provider's settings: all three or none", () => {
    expect(loadConfig({}).oidc).toBeNull();
    expect(loadConfig({ ...OIDC, KANSLI_BREAK_GLASS_USER: "Nodkonto" })).toMatchObject({
      oidc: {
        issuer: OIDC.KANSLI_OIDC_ISSUER,
        clientId: "kansli",
        clientSecret: "hemligt",
        scopes: "openid profile email",
      },
      breakGlassUser: "nodkonto",
    });
    // Plain http only for a provider on this machine (tests, development).
    const local = loadConfig({ ...OIDC, KANSLI_OIDC_ISSUER: "http://127.0.0.1:8080/realms/stad" });
    expect(local.oidc?.issuer).toBe("http://127.0.0.1:8080/realms/stad");
  });

  it.each([
    [{ PORT: "80a" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ KANSLI_SMTP_URL: "not a url" }, "KANSLI_SMTP_URL"],
    [{ KANSLI_SESSION_IDLE_MINUTES: "0" }, "KANSLI_SESSION_IDLE_MINUTES"],
    [{ KANSLI_LOG_LEVEL: "loud" }, "KANSLI_LOG_LEVEL"],
    [{ KANSLI_TENANT: "Stockholm Stad" }, "KANSLI_TENANT"],
    [{ KANSLI_CONSULTATION_MIN_WEEKS: "0" }, "KANSLI_CONSULTATION_MIN_WEEKS"],
    [{ KANSLI_CONSULTATION_MIN_WEEKS: "53" }, "KANSLI_CONSULTATION_MIN_WEEKS"],
    [{ KANSLI_CONSULTATION_MIN_WEEKS: "6.5" }, "KANSLI_CONSULTATION_MIN_WEEKS"],
    [{ KANSLI_REMINDER_DAYS_BEFORE: "7,x" }, "KANSLI_REMINDER_DAYS_BEFORE"],
    [{ KANSLI_REMINDER_DAYS_AFTER: "0" }, "KANSLI_REMINDER_DAYS_AFTER"],
    [{ KANSLI_CONSULTATION_GRACE_DAYS: "366" }, "KANSLI_CONSULTATION_GRACE_DAYS"],
    [{ KANSLI_TRUST_PROXY: "proxy.example" }, "KANSLI_TRUST_PROXY"],
    [{ KANSLI_TRUST_PROXY: "11" }, "KANSLI_TRUST_PROXY"],
    [{ KANSLI_LOGIN_MAX_FAILURES_PER_ADDRESS: "0" }, "KANSLI_LOGIN_MAX_FAILURES_PER_ADDRESS"],
    [{ KANSLI_LOGO_PATH: "package.json" }, "KANSLI_LOGO_PATH"],
    [{ ...OIDC, KANSLI_OIDC_CLIENT_SECRET: "" }, "KANSLI_OIDC_CLIENT_SECRET"],
    [{ KANSLI_OIDC_CLIENT_ID: "kansli" }, "KANSLI_OIDC_ISSUER"],
    [{ ...OIDC, KANSLI_OIDC_ISSUER: "http://login.stad.example" }, "KANSLI_OIDC_ISSUER"],
    [{ ...OIDC, KANSLI_OIDC_ISSUER: "ldap://login.stad.example" }, "KANSLI_OIDC_ISSUER"],
    [{ ...OIDC, KANSLI_OIDC_SCOPES: "profile email" }, "KANSLI_OIDC_SCOPES"],
    [{ KANSLI_BREAK_GLASS_USER: "nodkonto" }, "KANSLI_BREAK_GLASS_USER"],
    [{ KANSLI_LOGO_PATH: "finns-inte/logo.png" }, "KANSLI_LOGO_PATH"],
  ])("stops on a bad value and names the setting: %o", (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${name}:`));
  });

  it("names the flag when the bad value came from a flag", () => {
    expect(() => loadConfig({}, { port: "x" })).toThrow(/^--port:/);
  });

  it("documents every setting in the README's table", async () => {
    const fs = await import("node:fs");
    const readme = fs.readFileSync(path.resolve("README.md"), "utf8");
    for (const s of Object.values(SETTINGS)) {
      expect(readme, s.env).toContain(`\`${s.env}\``);
      expect(readme, s.env).toContain(s.meaning);
    }
  });
});
