import { setTimeout as sleep } from "node:timers/promises";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { startRepeatingJob } from "../src/platform/repeating-job.ts";

describe("startRepeatingJob (the mail, reminder and review workers)", () => {
  it("runs at start and every interval, never two rounds at once, goes on after a failure, and stops", async () => {
    const lines: string[] = [];
    const log = pino({ level: "error" }, { write: (line: string) => lines.push(line) });
    let started = 0;
    let active = 0;
    let mostAtOnce = 0;
    const stop = startRepeatingJob(log, {
      name: "testjobbet",
      everyMs: 5,
      runAtStart: true,
      run: async () => {
        started += 1;
        active += 1;
        mostAtOnce = Math.max(mostAtOnce, active);
        // Slower than the interval: the ticks in between must not start another round.
        await sleep(15);
        active -= 1;
        if (started === 2) throw new Error("andra rundan gick fel");
      },
    });
    expect(started).toBe(1);
    await sleep(120);
    stop();
    const atStop = started;
    await sleep(40);
    expect(mostAtOnce).toBe(1);
    expect(atStop).toBeGreaterThanOrEqual(3);
    expect(started).toBe(atStop);
    const failures = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === "testjobbet failed");
    expect(failures.map((f) => f.err.message)).toEqual(["andra rundan gick fel"]);
  });
});
