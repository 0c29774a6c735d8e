import crypto from "node:crypto";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { DEMO_PASSWORD } from "./app.ts";

export interface FilePart {
  fileName: string;
  bytes: Buffer;
  /** The whole Content-Disposition value, to send a name no browser would. */
  disposition?: string;
}

/** A multipart/form-data body written by hand, as a browser sends a form with a file input. */
export function multipart(fields: Record<string, string>, file?: FilePart | null) {
  const boundary = `----kansli${crypto.randomBytes(8).toString("hex")}`;
  const chunks: Buffer[] = [];
  const part = (disposition: string, body: Buffer, type?: string) => {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type ? `Content-Type: ${type}\r\n` : ""}\r\n`,
        "utf8",
      ),
      body,
      Buffer.from("\r\n"),
    );
  };
  for (const [name, value] of Object.entries(fields))
    part(`form-data; name="${name}"`, Buffer.from(value, "utf8"));
  if (file !== undefined) {
    // No file chosen: browsers still send the part, with an empty name and no bytes.
    const f = file ?? { fileName: "", bytes: Buffer.alloc(0) };
    part(
      f.disposition ?? `form-data; name="file"; filename="${f.fileName}"`,
      f.bytes,
      "application/octet-stream",
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

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

  /** Posts a form with the current CSRF token unless the form says otherwise; a list is a field sent once per value (ticked checkboxes). */
  async post(
    url: string,
    form: Record<string, string | string[]> = {},
    opts: { csrf?: boolean } = {},
  ): Promise<LightMyRequestResponse> {
    const fields = Object.entries(opts.csrf === false ? form : { _csrf: this.csrfToken, ...form });
    const body = new URLSearchParams(
      fields.flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value]).map((v): [string, string] => [name, v]),
      ),
    );
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

  /** Posts a page's multipart form (a file input) with the CSRF token of the last page. */
  async upload(
    url: string,
    fields: Record<string, string>,
    file?: FilePart | null,
  ): Promise<LightMyRequestResponse> {
    const { payload, contentType } = multipart({ _csrf: this.csrfToken, ...fields }, file ?? null);
    return this.remember(
      await this.app.inject({
        method: "POST",
        url,
        remoteAddress: this.remoteAddress,
        headers: { cookie: this.cookieHeader(), "content-type": contentType },
        payload,
      }),
    );
  }

  /** Signs in through the login form, as a person would. */
  async login(username: string, password = DEMO_PASSWORD): Promise<LightMyRequestResponse> {
    await this.get("/logga-in");
    return this.post("/logga-in", { username, password });
  }
}

/** The date a page's date input (three fields: year, month, day) shows, as YYYY-MM-DD. */
export function dateInputValue(html: string, name: string): string {
  const part = (suffix: string) =>
    new RegExp(`<input[^>]*\\bname="${name}-${suffix}"[^>]*>`)
      .exec(html)?.[0]
      .match(/value="([^"]*)"/)?.[1] ?? "";
  return [part("year"), part("month"), part("day")].join("-");
}
