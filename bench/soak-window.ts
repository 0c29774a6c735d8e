import { percentile } from "./load.ts";

/** The answers of one report interval of the soak. */
export interface Window {
  started: number;
  requests: number;
  times: number[];
  /** Failures by status (any answer outside 2xx) or by connection error message. */
  errors: Map<string, number>;
}

export const newWindow = (): Window => ({ started: Date.now(), requests: 0, times: [], errors: new Map() });

/** One answer (`ms` NaN for a request that got none). */
export function record(w: Window, status: number | string, ms: number): void {
  w.requests++;
  if (!Number.isNaN(ms)) w.times.push(ms);
  if (typeof status === "number" && status >= 200 && status < 300) return;
  const key = String(status);
  w.errors.set(key, (w.errors.get(key) ?? 0) + 1);
}

/** "5400 requests (90/s), errors none, p50 4 ms, p99 38 ms". */
export function windowLine(w: Window, seconds: number): string {
  const sorted = [...w.times].sort((a, b) => a - b);
  const errors = w.errors.size === 0 ? "none" : [...w.errors].map(([s, n]) => `${s} ×${n}`).join(", ");
  const ms = (q: number) => percentile(sorted, q).toFixed(1);
  return `${w.requests} requests (${(w.requests / seconds).toFixed(0)}/s), errors ${errors}, p50 ${ms(0.5)} ms, p99 ${ms(0.99)} ms`;
}
