import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";

/** A person at the test provider: what they type to sign in and what the provider says of them. */
export interface ProviderPerson {
  login: string;
  password: string;
  sub: string;
  /** Entra ID's object id, when the provider plays Entra. */
  oid?: string;
  name?: string;
  email?: string;
  preferred_username?: string;
  groups?: string[];
  roles?: string[];
  /** How they proved it (amr) and at what level (acr): what the provider's login records. */
  amr?: string[];
  acr?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The settings that connect kansli to it. */
  env: Record<string, string>;
  /** The provider's people by login; tests change their groups between sign-ins. */
  people: Map<string, ProviderPerson>;
  /** How many times the provider's login form was answered: a second SSO sign-in adds none. */
  logins: () => number;
  /**
   * From now on the provider issues ID tokens that expired `seconds` before they were issued (as
   * one whose clock is behind or that hands out a stale token would), well past the client's
   * clock tolerance; `null` goes back to fresh ones.
   */
  expireIdTokens: (seconds: number | null) => void;
  close(): Promise<void>;
}

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

/** The provider's sign-in page: a plain accessible form (no scripts, no outside fonts). */
const loginPage = (uid: string, error: string | null) => `<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>Stadens inloggning</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>Stadens inloggning</h1>
${error ? `<p role="alert">${esc(error)}</p>` : ""}
<form method="post" action="/interaction/${esc(uid)}/login">
<p><label for="login">Användarnamn</label><br><input id="login" name="login" autocomplete="username" required></p>
<p><label for="password">Lösenord</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Logga in</button></p>
</form></main></body></html>`;

const readForm = async (req: http.IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
};

/**
 * A real OpenID provider (oidc-provider) on 127.0.0.1 and a random port, with one confidential
 * client for kansli at `publicUrl`: code flow, PKCE required, RP-initiated logout. Its login page
 * checks the person's password; consent is implied for kansli, as a city's own provider does.
 */
export async function startTestProvider(
  publicUrl: string,
  people: ProviderPerson[] = [],
): Promise<TestProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "kansli";
  const clientSecret = crypto.randomBytes(24).toString("base64url");
  const byLogin = new Map(people.map((p) => [p.login, p]));
  const bySub = (sub: string) => [...byLogin.values()].find((p) => p.sub === sub);
  let loginCount = 0;
  const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${publicUrl}/logga-in/oidc/callback`],
        post_logout_redirect_uris: [`${publicUrl}/logga-in?utloggad=1`],
        response_types: ["code"],
        grant_types: ["authorization_code"],
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "test", alg: "RS256", use: "sig" }] },
    cookies: { keys: [crypto.randomBytes(32).toString("hex")] },
    pkce: { required: () => true },
    claims: {
      // With sub, which methods and level the person signed in with (amr, acr), as Entra ID sends them.
      openid: ["sub", "acr", "amr", "auth_time", "sid"],
      profile: ["name", "preferred_username", "groups", "roles", "oid"],
      email: ["email"],
    },
    // Groups and names in the ID token, where Entra ID and Keycloak put them.
    conformIdTokenClaims: false,
    acrValues: ["urn:kansli:test:loa2", "urn:kansli:test:loa3"],
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = `<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Logga ut</title></head>
<body><main><h1>Logga ut från staden?</h1>${form}
<button type="submit" form="op.logoutForm" value="yes" name="logout">Ja, logga ut</button></main></body></html>`;
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // kansli is the city's own application: no consent screen.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope("openid profile email");
      await grant.save();
      return grant;
    },
    findAccount: async (_ctx, sub) => {
      const person = bySub(sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: async () => {
          const { login: _l, password: _p, amr: _a, acr: _c, ...claims } = bySub(sub) ?? person;
          return claims;
        },
      };
    },
  };
  const provider = new Provider(issuer, configuration);
  const handle = provider.callback();
  // An ID token's lifetime must be positive (ttl.IdToken), but issue() takes an expiry time.
  let expiredBy: number | null = null;
  const issue = provider.IdToken.prototype.issue;
  provider.IdToken.prototype.issue = function (this: InstanceType<typeof provider.IdToken>, options) {
    if (expiredBy === null || options?.use !== "idtoken") return issue.call(this, options);
    return issue.call(this, { ...options, expiresAt: Math.floor(Date.now() / 1000) - expiredBy });
  };

  server.on("request", (req, res) => {
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(req.url ?? "");
    if (!match?.[1]) return handle(req, res);
    const uid = match[1];
    const page = (status: number, error: string | null) => {
      res.writeHead(status, { "content-type": "text/html; charset=utf-8" }).end(loginPage(uid, error));
    };
    void (async () => {
      await provider.interactionDetails(req, res);
      if (req.method !== "POST") return page(200, null);
      const form = await readForm(req);
      const person = byLogin.get(form.get("login") ?? "");
      if (!person || person.password !== form.get("password"))
        return page(401, "Fel användarnamn eller lösenord");
      loginCount++;
      await provider.interactionFinished(
        req,
        res,
        {
          login: {
            accountId: person.sub,
            amr: person.amr ?? ["pwd"],
            ...(person.acr ? { acr: person.acr } : {}),
          },
        },
        { mergeWithLastSubmission: false },
      );
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });

  return {
    issuer,
    clientId,
    clientSecret,
    env: {
      KANSLI_PUBLIC_URL: publicUrl,
      KANSLI_OIDC_ISSUER: issuer,
      KANSLI_OIDC_CLIENT_ID: clientId,
      KANSLI_OIDC_CLIENT_SECRET: clientSecret,
    },
    people: byLogin,
    logins: () => loginCount,
    expireIdTokens: (seconds) => {
      expiredBy = seconds;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A browser's side of the provider: its cookies, following its redirects. */
export class ProviderBrowser {
  private readonly cookies = new Map<string, string>();

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair?.indexOf("=") ?? -1;
      if (!pair || at < 0) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1);
      if (value === "" || /max-age=0|expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(url: string, form?: URLSearchParams): Promise<Response> {
    const res = await fetch(url, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      ...(form ? { body: form.toString() } : {}),
    });
    this.remember(res);
    return res;
  }

  /**
   * Follows the provider's redirects from `url`, answering its login form as `login` when it asks,
   * until it sends the browser back to kansli (`publicUrl`); that address.
   */
  async signIn(url: string, publicUrl: string, login?: { login: string; password: string }): Promise<string> {
    let next = url;
    let form: URLSearchParams | undefined;
    for (let hop = 0; hop < 10; hop++) {
      if (next.startsWith(publicUrl)) return next;
      const res = await this.request(next, form);
      form = undefined;
      const location = res.headers.get("location");
      if (location) {
        next = new URL(location, next).href;
        continue;
      }
      const body = await res.text();
      const action = /<form method="post" action="([^"]+\/login)"/.exec(body)?.[1];
      if (!action || !login) throw new Error(`the provider answered ${res.status}: ${body.slice(0, 300)}`);
      next = new URL(action, next).href;
      form = new URLSearchParams(login);
    }
    throw new Error("the provider never sent the browser back");
  }

  /** Confirms the provider's logout page, as the person would; where the provider sends them then. */
  async confirmLogout(url: string): Promise<string> {
    const res = await this.request(url);
    const body = await res.text();
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(body)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(body)?.[1];
    if (!action || !xsrf) throw new Error(`no logout form: ${res.status} ${body.slice(0, 300)}`);
    const done = await this.request(new URL(action, url).href, new URLSearchParams({ xsrf, logout: "yes" }));
    return new URL(done.headers.get("location") ?? "", url).href;
  }
}
