import type { UserActor } from "../../../auth/index.ts";
import { stockholmDate } from "../../../platform/calendar/civil-date.ts";
import type { Ctx } from "../../../platform/context.ts";
import { roundTitleFor } from "../round-title.ts";
import { effectiveDeadline, trackingState } from "../tracking.ts";
import { officerRecipients } from "./officer-work.store.ts";

/** A body of one of the officer's rounds and what the officer has to do about it. */
export interface OfficerTask {
  kind: "assess" | "late" | "extension";
  consultationId: string;
  recipientId: string;
  roundTitle: string;
  diaryNumber: string;
  bodyName: string;
  /** The deadline that applies to the body. */
  deadline: string;
  answeredOn: string | null;
}

/**
 * What the officer of consultation rounds has to do today: answers waiting for an assessment,
 * bodies past their deadline without an answer (to remind), requests for more time to decide.
 */
export async function officerTasks(ctx: Ctx, officer: UserActor): Promise<OfficerTask[]> {
  const rows = await officerRecipients(ctx.db, ctx.config.tenantId, officer.id);
  const today = stockholmDate(ctx.clock.now());
  return rows.flatMap(({ record, title, closed, consultationDeadline, diaryNumber, c }): OfficerTask[] => {
    const state = trackingState(record.facts, consultationDeadline, today, closed);
    const kind =
      state === "answered_on_time" || state === "answered_late"
        ? "assess"
        : state === "no_answer"
          ? "late"
          : state === "extension_asked"
            ? "extension"
            : null;
    if (!kind) return [];
    return [
      {
        kind,
        consultationId: record.consultationId,
        recipientId: record.id,
        roundTitle: roundTitleFor(officer, { title }, c),
        diaryNumber,
        bodyName: record.name,
        deadline: effectiveDeadline(consultationDeadline, record.facts.ownDeadline),
        answeredOn: record.facts.answeredOn,
      },
    ];
  });
}
