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
