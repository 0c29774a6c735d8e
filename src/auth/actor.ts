import type { Locale } from "../platform/i18n/index.ts";
import type { Role } from "./roles.ts";

/** A signed-in user, as the request knows them. */
export interface UserActor {
  kind: "user";
  id: string;
  tenantId: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  locale: Locale | null;
  /** How the request proved who it is: a browser session or a personal API token. */
  via: "session" | "token";
  sessionId: string | null;
}

export interface AnonymousActor {
  kind: "anonymous";
}

export type Actor = UserActor | AnonymousActor;

export const ANONYMOUS: AnonymousActor = { kind: "anonymous" };

/** The label the audit trail records for an actor. */
export const actorLabel = (actor: Actor | "system"): string =>
  actor === "system" ? "system" : actor.kind === "user" ? actor.username : "anonymous";
