import type { FastifyBaseLogger } from "fastify";

export interface RepeatingJob {
  /** Named in the log line when a round fails. */
  name: string;
  everyMs: number;
  /** Also run one round at once, not only after the first interval. */
  runAtStart?: boolean;
  run: () => Promise<unknown>;
}

/**
 * Runs a background job every `everyMs` while the server runs. A round that is still running when
 * the next is due is not overlapped (that round is skipped); a failed round is logged and the
 * next one tries again. The timer does not keep the process alive. Returns a stop function.
 */
export function startRepeatingJob(log: FastifyBaseLogger, job: RepeatingJob): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    job
      .run()
      .catch((error) => log.error({ err: error }, `${job.name} failed`))
      .finally(() => {
        running = false;
      });
  };
  if (job.runAtStart) tick();
  const timer = setInterval(tick, job.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
