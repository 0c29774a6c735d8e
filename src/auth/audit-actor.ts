import type { AuditInput } from "../platform/audit/audit.model.ts";
import { type Actor, actorLabel } from "./actor.ts";

/** The who-part of an audit event for an actor (or the system itself). */
export function auditBy(
  actor: Actor | "system",
  ip: string | null = null,
): Pick<AuditInput, "actorId" | "actorLabel" | "ip"> {
  return {
    actorId: actor !== "system" && actor.kind === "user" ? actor.id : null,
    actorLabel: actorLabel(actor),
    ip,
  };
}
