import autocannon from "autocannon";

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  /** Answers other than the expected status, and connection errors. */
  failures: number;
}

export interface LoadSpec {
  url: string;
  seconds: number;
  connections: number;
  /** Each request in turn: method, path, headers and body (varied to spread over the data). */
  next: () => { method?: "GET" | "POST"; path: string; headers?: Record<string, string>; body?: Buffer };
  expect: number;
  /** Requests a second over all connections (open loop); without it, as fast as the server answers. */
  overallRate?: number;
  /** Each answer as it comes (the soak counts them per minute). */
  onResponse?: (status: number, ms: number) => void;
  /** Each request that got no answer: a connection error or a timeout. */
  onError?: (error: Error) => void;
}

/** Runs closed-loop load against one address and measures each response's latency. */
export async function load(spec: LoadSpec): Promise<LoadResult> {
  const times: number[] = [];
  let failures = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        duration: spec.seconds,
        connections: spec.connections,
        ...(spec.overallRate ? { overallRate: spec.overallRate } : {}),
        requests: [
          {
            setupRequest: (request) => {
              const r = spec.next();
              return {
                ...request,
                method: r.method ?? "GET",
                path: r.path,
                headers: r.headers ?? {},
                body: r.body,
              };
            },
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on("response", (_client, status, _bytes, ms) => {
      times.push(ms);
      if (status !== spec.expect) failures++;
      spec.onResponse?.(status, ms);
    });
    if (spec.onError) instance.on("reqError", spec.onError);
  });
  times.sort((a, b) => a - b);
  return {
    requests: times.length,
    perSecond: times.length / spec.seconds,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    failures: failures + result.errors + result.timeouts,
  };
}

export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

/** One HTTP request of a mixed load: sent to the next server in turn. */
export interface MixRequest {
  method?: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  expect: number;
  /** The row of the results it is timed under. */
  label: string;
}

/** Sends a request to the next server and returns the answer's body (JSON or text) once timed. */
export type MixSend = (request: MixRequest) => Promise<string>;

export interface MixSpec {
  /** The servers, taken in turn request by request (round-robin, as a load balancer). */
  urls: readonly string[];
  seconds: number;
  /** Users working at once, each running `step` again and again (closed loop). */
  connections: number;
  /** One step of a user's work: one or more requests through `send`. */
  step: (send: MixSend, user: number) => Promise<void>;
}

export interface MixResult {
  /** By label, in the order first seen. */
  rows: Map<string, LoadResult>;
  /** Requests to each server, in the order of `urls`. */
  perServer: number[];
  requests: number;
  perSecond: number;
}

/**
 * Closed-loop load of several kinds of requests, each request going to the next server in turn:
 * a flow's steps (open a case, send a round, answer it) so land on different processes. Unlike
 * `load` it runs on fetch, one keep-alive pool per server.
 */
export async function loadMix(spec: MixSpec): Promise<MixResult> {
  const times = new Map<string, number[]>();
  const failures = new Map<string, number>();
  const perServer = spec.urls.map(() => 0);
  let turn = 0;
  const end = performance.now() + spec.seconds * 1000;
  const send: MixSend = async (r) => {
    const server = turn++ % spec.urls.length;
    perServer[server] = (perServer[server] ?? 0) + 1;
    const start = performance.now();
    let text = "";
    let status = 0;
    try {
      const res = await fetch(`${spec.urls[server]}${r.path}`, {
        method: r.method ?? "GET",
        headers: r.headers ?? {},
        redirect: "manual",
        ...(r.body === undefined ? {} : { body: r.body }),
      });
      status = res.status;
      text = await res.text();
    } catch {
      status = 0;
    }
    const list = times.get(r.label) ?? [];
    list.push(performance.now() - start);
    times.set(r.label, list);
    if (status !== r.expect) {
      failures.set(r.label, (failures.get(r.label) ?? 0) + 1);
      throw new MixFailure(`${r.label}: ${status} ${text.slice(0, 200)}`);
    }
    return text;
  };
  const user = async (n: number) => {
    while (performance.now() < end) {
      // A failed request ends the step (its later requests need its answer); it is counted.
      await spec.step(send, n).catch((error: unknown) => {
        if (!(error instanceof MixFailure)) throw error;
      });
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: spec.connections }, (_, n) => user(n)));
  const elapsed = (performance.now() - started) / 1000;
  const rows = new Map<string, LoadResult>();
  let requests = 0;
  for (const [label, list] of times) {
    list.sort((a, b) => a - b);
    requests += list.length;
    rows.set(label, {
      requests: list.length,
      perSecond: list.length / elapsed,
      p50: percentile(list, 0.5),
      p95: percentile(list, 0.95),
      failures: failures.get(label) ?? 0,
    });
  }
  return { rows, perServer, requests, perSecond: requests / elapsed };
}

class MixFailure extends Error {}
