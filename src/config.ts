import fs from "node:fs";
import path from "node:path";

/**
 * Every setting kansli reads, from the environment or the same-named CLI flag
 * (`PORT` <-> `--port`, `KANSLI_DATA_DIR` <-> `--data-dir`). A bad value stops
 * start-up with a message naming the setting.
 */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  auditKey: string | null;
  auditKeyFile: string | null;
  demoPassword: string | null;
  publicUrl: string;
  tenantId: string;
  smtpUrl: string | null;
  mailFrom: string;
  imapUrl: string | null;
  imapPassword: string | null;
  imapPollSeconds: number;
  answerMailbox: string | null;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loginMaxFailures: number;
  loginMaxFailuresPerAddress: number;
  loginMaxDelayMinutes: number;
  trustProxy: TrustProxy;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  maxUploadMb: number;
  consultationMinWeeks: number;
  consultationGraceDays: number;
  reminderDaysBefore: number[];
  reminderDaysAfter: number[];
  reminderEverySeconds: number;
  cityName: string;
  logoPath: string | null;
  oidc: OidcConfig | null;
  breakGlassUser: string | null;
}

/** The city's OpenID provider, when sign-in through it is set up. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
}

/** Fastify's `trustProxy`: off, any proxy, the number of proxy hops, or the proxies' addresses. */
export type TrustProxy = boolean | number | string;

interface SettingSpec {
  env: string;
  flag: string;
  default: string;
  meaning: string;
}

/** The one table of settings; README's configuration table mirrors it. */
export const SETTINGS = {
  port: { env: "PORT", flag: "port", default: "3000", meaning: "TCP port the web server listens on" },
  host: { env: "HOST", flag: "host", default: "127.0.0.1", meaning: "Address the web server binds to" },
  dataDir: {
    env: "KANSLI_DATA_DIR",
    flag: "data-dir",
    default: "./data",
    meaning: "Folder for the embedded SQLite database (kansli.sqlite) and stored files (files/)",
  },
  databaseUrl: {
    env: "DATABASE_URL",
    flag: "database-url",
    default: "",
    meaning: "Unset: SQLite file `kansli.sqlite` in the data folder. `postgres://…`: PostgreSQL",
  },
  auditKey: {
    env: "KANSLI_AUDIT_KEY",
    flag: "audit-key",
    default: "",
    meaning: "Secret (at least 32 characters) keying the audit trail's hashes; prefer KANSLI_AUDIT_KEY_FILE",
  },
  auditKeyFile: {
    env: "KANSLI_AUDIT_KEY_FILE",
    flag: "audit-key-file",
    default: "",
    meaning:
      "File with the audit key, outside the data folder. Needed on PostgreSQL; SQLite: `<data dir>-audit.key`",
  },
  demoPassword: {
    env: "KANSLI_DEMO_PASSWORD",
    flag: "demo-password",
    default: "",
    meaning:
      "When set, every demo account gets this password; otherwise passwords are generated and printed once",
  },
  publicUrl: {
    env: "KANSLI_PUBLIC_URL",
    flag: "public-url",
    default: "http://localhost:3000",
    meaning:
      "Address users reach kansli at; used in e-mailed links. With https:// cookies are marked Secure and take the `__Host-` prefix",
  },
  tenantId: {
    env: "KANSLI_TENANT",
    flag: "tenant",
    default: "stockholm",
    meaning: "Tenant (municipality or region) this process serves",
  },
  smtpUrl: {
    env: "KANSLI_SMTP_URL",
    flag: "smtp-url",
    default: "",
    meaning: "SMTP server, e.g. `smtp://user:pass@mail.example:587`. Unset: mail is only kept in the outbox",
  },
  mailFrom: {
    env: "KANSLI_MAIL_FROM",
    flag: "mail-from",
    default: "kansli <noreply@kansli.localhost>",
    meaning: "Sender address of outgoing mail",
  },
  imapUrl: {
    env: "KANSLI_IMAP_URL",
    flag: "imap-url",
    default: "",
    meaning:
      "The registry's mailbox kansli reads answers from, e.g. `imaps://registrator@mail.example:993/INBOX` (`imap://` without TLS). Unset: no mailbox is read",
  },
  imapPassword: {
    env: "KANSLI_IMAP_PASSWORD",
    flag: "imap-password",
    default: "",
    meaning: "Password of the user in `KANSLI_IMAP_URL`",
  },
  imapPollSeconds: {
    env: "KANSLI_IMAP_POLL_SECONDS",
    flag: "imap-poll-seconds",
    default: "60",
    meaning: "How often the mailbox is read, in seconds (5 to 3600)",
  },
  answerMailbox: {
    env: "KANSLI_ANSWER_MAILBOX",
    flag: "answer-mailbox",
    default: "",
    meaning:
      "The address bodies may e-mail answers to, named in missives and reminders with the diary number for the subject. Unset: only the personal link is named",
  },
  sessionIdleMinutes: {
    env: "KANSLI_SESSION_IDLE_MINUTES",
    flag: "session-idle-minutes",
    default: "30",
    meaning: "A session unused this long is ended",
  },
  sessionAbsoluteHours: {
    env: "KANSLI_SESSION_ABSOLUTE_HOURS",
    flag: "session-absolute-hours",
    default: "12",
    meaning: "A session ends this long after login, however active",
  },
  loginMaxFailures: {
    env: "KANSLI_LOGIN_MAX_FAILURES",
    flag: "login-max-failures",
    default: "3",
    meaning:
      "Failed sign-ins to one account from one client address before that address must wait between attempts to it (1 minute, doubling)",
  },
  loginMaxFailuresPerAddress: {
    env: "KANSLI_LOGIN_MAX_FAILURES_PER_ADDRESS",
    flag: "login-max-failures-per-address",
    default: "30",
    meaning:
      "Failed sign-ins from one client address, to any accounts, before it must wait between attempts; one is forgotten every 2 minutes",
  },
  loginMaxDelayMinutes: {
    env: "KANSLI_LOGIN_MAX_DELAY_MINUTES",
    flag: "login-max-delay-minutes",
    default: "15",
    meaning: "The longest wait between sign-in attempts after failures",
  },
  trustProxy: {
    env: "KANSLI_TRUST_PROXY",
    flag: "trust-proxy",
    default: "",
    meaning:
      "Unset: the client address is the connection's. Behind reverse proxies: their addresses (comma-separated IPs or CIDRs, or `loopback`) or their number (1–10 hops), to take the client address from X-Forwarded-For",
  },
  maxUploadMb: {
    env: "KANSLI_MAX_UPLOAD_MB",
    flag: "max-upload-mb",
    default: "50",
    meaning: "Largest file a user may upload, in megabytes",
  },
  consultationMinWeeks: {
    env: "KANSLI_CONSULTATION_MIN_WEEKS",
    flag: "consultation-min-weeks",
    default: "6",
    meaning: "A consultation deadline giving fewer weeks than this (1 to 52) gets a warning",
  },
  consultationGraceDays: {
    env: "KANSLI_CONSULTATION_GRACE_DAYS",
    flag: "consultation-grace-days",
    default: "30",
    meaning:
      "Days after its last deadline that a consultation takes late answers; then it closes and its links expire",
  },
  reminderDaysBefore: {
    env: "KANSLI_REMINDER_DAYS_BEFORE",
    flag: "reminder-days-before",
    default: "7",
    meaning: "Days before a body's deadline to remind it, comma-separated (1 to 90), or none",
  },
  reminderDaysAfter: {
    env: "KANSLI_REMINDER_DAYS_AFTER",
    flag: "reminder-days-after",
    default: "1,7",
    meaning:
      "Days after a body's deadline to remind it when it has not answered, comma-separated (1 to 90), or none",
  },
  reminderEverySeconds: {
    env: "KANSLI_REMINDER_EVERY_SECONDS",
    flag: "reminder-every-seconds",
    default: "900",
    meaning:
      "How often each server process looks for due consultation reminders, in seconds (1 to 86400); every process may, each reminder goes out once",
  },
  cityName: {
    env: "KANSLI_CITY_NAME",
    flag: "city-name",
    default: "Stockholms stad",
    meaning: "The city's name at the head of every letter kansli writes",
  },
  logoPath: {
    env: "KANSLI_LOGO_PATH",
    flag: "logo-path",
    default: "",
    meaning: "The city's logo (a PNG or JPEG file) at the head of every letter. Unset: the name alone",
  },
  logLevel: {
    env: "KANSLI_LOG_LEVEL",
    flag: "log-level",
    default: "info",
    meaning: "fatal, error, warn, info, debug, trace or silent",
  },
  oidcIssuer: {
    env: "KANSLI_OIDC_ISSUER",
    flag: "oidc-issuer",
    default: "",
    meaning:
      "The city's OpenID Connect provider (its issuer URL, https://; http:// only on loopback). Set: the sign-in page offers the organisation's account",
  },
  oidcClientId: {
    env: "KANSLI_OIDC_CLIENT_ID",
    flag: "oidc-client-id",
    default: "",
    meaning:
      "kansli's client id at the provider; the redirect URI to register is KANSLI_PUBLIC_URL + /logga-in/oidc/callback",
  },
  oidcClientSecret: {
    env: "KANSLI_OIDC_CLIENT_SECRET",
    flag: "oidc-client-secret",
    default: "",
    meaning: "kansli's client secret at the provider",
  },
  oidcScopes: {
    env: "KANSLI_OIDC_SCOPES",
    flag: "oidc-scopes",
    default: "openid profile email",
    meaning: "Scopes asked of the provider, space-separated; must include openid",
  },
  breakGlassUser: {
    env: "KANSLI_BREAK_GLASS_USER",
    flag: "break-glass-user",
    default: "",
    meaning:
      "Set (with KANSLI_OIDC_ISSUER): only this local account may sign in with a password; everyone else signs in through the provider. Unset: every local account may",
  },
} satisfies Record<Exclude<keyof Config, "oidc"> | OidcSetting, SettingSpec>;

type OidcSetting = "oidcIssuer" | "oidcClientId" | "oidcClientSecret" | "oidcScopes";
type SettingKey = keyof typeof SETTINGS;

export class ConfigError extends Error {}

type Source = Record<string, string | undefined>;

function intIn(name: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name}: "${raw}" is not a whole number from ${min} to ${max}`);
  }
  return Number(raw);
}

function url(name: string, raw: string, protocols: string[]): string {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name}: "${raw}" is not a URL`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name}: must start with ${protocols.map((p) => `${p}//`).join(" or ")}`);
  }
  return raw;
}

/** "none", or whole numbers from 1 to 90 separated by commas; sorted and each once. */
function dayList(name: string, raw: string): number[] {
  if (raw === "none") return [];
  const days = raw.split(",").map((part) => intIn(name, part.trim(), 1, 90));
  return [...new Set(days)].sort((a, b) => a - b);
}

/**
 * "" off; "true" any proxy (only when nothing but the proxy can reach kansli); a number of hops
 * (1–10: the proxies in front, however their addresses change); else the proxies' addresses.
 */
function trustProxy(name: string, raw: string): TrustProxy {
  if (raw === "" || raw === "false") return false;
  if (raw === "true") return true;
  // A hop count: the client is that many addresses from the end of X-Forwarded-For.
  if (/^\d{1,2}$/.test(raw)) return intIn(name, raw, 1, 10);
  const parts = raw.split(",").map((p) => p.trim());
  const named = ["loopback", "linklocal", "uniquelocal"];
  if (parts.some((p) => !named.includes(p) && !/^[\da-fA-F.:]+(\/\d{1,3})?$/.test(p))) {
    throw new ConfigError(
      `${name}: "${raw}" is not true or comma-separated proxy addresses (IP, CIDR, loopback)`,
    );
  }
  return parts.join(",");
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
// config.ts stands below platform, so it narrows with its own guard rather than platform's isOneOf.
const isLogLevel = (value: string): value is (typeof LOG_LEVELS)[number] =>
  LOG_LEVELS.some((l) => l === value);

/**
 * Reads the settings. `flags` (parsed CLI flags, by flag name) win over `env`.
 * Empty strings count as unset.
 */
export function loadConfig(env: Source = process.env, flags: Source = {}): Config {
  const raw = (key: SettingKey): { name: string; value: string } => {
    const spec: SettingSpec = SETTINGS[key];
    const fromFlag = flags[spec.flag];
    if (fromFlag !== undefined && fromFlag !== "") return { name: `--${spec.flag}`, value: fromFlag };
    const fromEnv = env[spec.env];
    if (fromEnv !== undefined && fromEnv !== "") return { name: spec.env, value: fromEnv };
    return { name: spec.env, value: spec.default };
  };
  const optional = (key: SettingKey) => {
    const r = raw(key);
    return r.value === "" ? null : r;
  };

  const port = raw("port");
  const logLevel = raw("logLevel");
  if (!isLogLevel(logLevel.value)) {
    throw new ConfigError(`${logLevel.name}: "${logLevel.value}" is not one of ${LOG_LEVELS.join(", ")}`);
  }
  const databaseUrl = optional("databaseUrl");
  const auditKey = optional("auditKey");
  const auditKeyFile = optional("auditKeyFile");
  if (auditKey && auditKeyFile)
    throw new ConfigError(`${auditKey.name}: set either it or ${auditKeyFile.name}, not both`);
  if (auditKey && auditKey.value.trim().length < 32)
    throw new ConfigError(`${auditKey.name}: must be at least 32 characters (e.g. openssl rand -base64 32)`);
  const smtpUrl = optional("smtpUrl");
  const demoPassword = optional("demoPassword");
  const publicUrl = raw("publicUrl");
  const tenant = raw("tenantId");
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(tenant.value)) {
    throw new ConfigError(`${tenant.name}: "${tenant.value}" must be lower-case letters, digits and hyphens`);
  }
  const host = raw("host");
  if (/\s/.test(host.value)) throw new ConfigError(`${host.name}: "${host.value}" is not a host name`);
  const imapUrl = optional("imapUrl");
  const answerMailbox = optional("answerMailbox");
  if (answerMailbox && !/^[^\s@]+@[^\s@]+$/.test(answerMailbox.value))
    throw new ConfigError(`${answerMailbox.name}: "${answerMailbox.value}" is not an e-mail address`);
  const logoPath = optional("logoPath");
  if (logoPath && !/\.(png|jpe?g)$/i.test(logoPath.value))
    throw new ConfigError(`${logoPath.name}: "${logoPath.value}" is not a PNG or JPEG file`);
  if (logoPath && !fs.existsSync(logoPath.value))
    throw new ConfigError(`${logoPath.name}: "${logoPath.value}" does not exist`);
  const mailFrom = raw("mailFrom");
  if (!mailFrom.value.includes("@"))
    throw new ConfigError(`${mailFrom.name}: "${mailFrom.value}" has no address`);

  const breakGlassUser = optional("breakGlassUser");
  const oidc = oidcConfig(optional, raw("oidcScopes"));
  if (breakGlassUser && !oidc)
    throw new ConfigError(`${breakGlassUser.name}: needs KANSLI_OIDC_ISSUER, or no one else could sign in`);

  return {
    port: intIn(port.name, port.value, 0, 65535),
    host: host.value,
    dataDir: path.resolve(raw("dataDir").value),
    databaseUrl: databaseUrl && url(databaseUrl.name, databaseUrl.value, ["postgres:", "postgresql:"]),
    auditKey: auditKey?.value.trim() ?? null,
    auditKeyFile: auditKeyFile ? path.resolve(auditKeyFile.value) : null,
    demoPassword: demoPassword?.value ?? null,
    publicUrl: url(publicUrl.name, publicUrl.value, ["http:", "https:"]).replace(/\/+$/, ""),
    tenantId: tenant.value,
    smtpUrl: smtpUrl && url(smtpUrl.name, smtpUrl.value, ["smtp:", "smtps:"]),
    mailFrom: mailFrom.value,
    imapUrl: imapUrl && url(imapUrl.name, imapUrl.value, ["imap:", "imaps:"]),
    imapPassword: optional("imapPassword")?.value ?? null,
    imapPollSeconds: intIn(raw("imapPollSeconds").name, raw("imapPollSeconds").value, 5, 3600),
    answerMailbox: answerMailbox?.value ?? null,
    sessionIdleMinutes: intIn(raw("sessionIdleMinutes").name, raw("sessionIdleMinutes").value, 1, 24 * 60),
    sessionAbsoluteHours: intIn(
      raw("sessionAbsoluteHours").name,
      raw("sessionAbsoluteHours").value,
      1,
      24 * 30,
    ),
    loginMaxFailures: intIn(raw("loginMaxFailures").name, raw("loginMaxFailures").value, 1, 100),
    loginMaxFailuresPerAddress: intIn(
      raw("loginMaxFailuresPerAddress").name,
      raw("loginMaxFailuresPerAddress").value,
      1,
      10_000,
    ),
    loginMaxDelayMinutes: intIn(
      raw("loginMaxDelayMinutes").name,
      raw("loginMaxDelayMinutes").value,
      1,
      24 * 60,
    ),
    trustProxy: trustProxy(raw("trustProxy").name, raw("trustProxy").value),
    logLevel: logLevel.value,
    maxUploadMb: intIn(raw("maxUploadMb").name, raw("maxUploadMb").value, 1, 2048),
    consultationMinWeeks: intIn(raw("consultationMinWeeks").name, raw("consultationMinWeeks").value, 1, 52),
    consultationGraceDays: intIn(
      raw("consultationGraceDays").name,
      raw("consultationGraceDays").value,
      0,
      365,
    ),
    reminderDaysBefore: dayList(raw("reminderDaysBefore").name, raw("reminderDaysBefore").value),
    reminderDaysAfter: dayList(raw("reminderDaysAfter").name, raw("reminderDaysAfter").value),
    reminderEverySeconds: intIn(
      raw("reminderEverySeconds").name,
      raw("reminderEverySeconds").value,
      1,
      86400,
    ),
    cityName: raw("cityName").value.trim(),
    logoPath: logoPath ? path.resolve(logoPath.value) : null,
    oidc,
    breakGlassUser: breakGlassUser?.value.trim().toLowerCase() ?? null,
  };
}

type Setting = { name: string; value: string };

/** The provider's settings: all of issuer, client id and secret, or none. */
function oidcConfig(optional: (key: SettingKey) => Setting | null, scopes: Setting): OidcConfig | null {
  const issuer = optional("oidcIssuer");
  const clientId = optional("oidcClientId");
  const clientSecret = optional("oidcClientSecret");
  if (!issuer && !clientId && !clientSecret) return null;
  if (!issuer || !clientId || !clientSecret) {
    const missing = (["oidcIssuer", "oidcClientId", "oidcClientSecret"] as const).find((k) => !optional(k));
    throw new ConfigError(
      `${SETTINGS[missing ?? "oidcIssuer"].env}: must be set with the other KANSLI_OIDC_ settings (all three or none)`,
    );
  }
  const parsed = new URL(url(issuer.name, issuer.value, ["http:", "https:"]));
  // Plain http lets anyone on the way forge the provider's answers: only for a provider on this machine.
  if (parsed.protocol === "http:" && !["127.0.0.1", "localhost", "[::1]"].includes(parsed.hostname))
    throw new ConfigError(
      `${issuer.name}: must start with https:// (http:// only for 127.0.0.1 or localhost)`,
    );
  if (!scopes.value.split(/\s+/).includes("openid"))
    throw new ConfigError(`${scopes.name}: "${scopes.value}" must include openid`);
  return {
    issuer: issuer.value,
    clientId: clientId.value,
    clientSecret: clientSecret.value,
    scopes: scopes.value.trim().split(/\s+/).join(" "),
  };
}
