import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { DEMO_PASSWORD } from "./app.ts";

/**
 * A browser stand-in for `app.inject`: keeps cookies, reads the CSRF token from the
 * last page like a form would, and posts forms as application/x-www-form-urlencoded.
 */
export class TestClient {
  readonly cookies = new Map<string, string>();
  csrfToken = "";

  /** Each client comes from its own loopback address, as separate people do (the login rate limit is per address). */
  constructor(
    private readonly app: FastifyInstance,
    readonly remoteAddress = `127.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`,
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.value === "" || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now());
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (token?.[1]) this.csrfToken = token[1];
    return res;
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.remember(
      await this.app.inject({
        method: "GET",
        url,
        remoteAddress: this.remoteAddress,
        headers: { cookie: this.cookieHeader(), ...headers },
      }),
    );
  }

  /** Posts a form with the current CSRF token unless the form says otherwise. */
  async post(
    url: string,
    form: Record<string, string> = {},
    opts: { csrf?: boolean } = {},
  ): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams(opts.csrf === false ? form : { _csrf: this.csrfToken, ...form });
    return this.remember(
      await this.app.inject({
        method: "POST",
        url,
        remoteAddress: this.remoteAddress,
        headers: { cookie: this.cookieHeader(), "content-type": "application/x-www-form-urlencoded" },
        payload: body.toString(),
      }),
    );
  }

  /** Signs in through the login form, as a person would. */
  async login(username: string, password = DEMO_PASSWORD): Promise<LightMyRequestResponse> {
    await this.get("/logga-in");
    return this.post("/logga-in", { username, password });
  }
}
