import type { Actor } from "../auth/actor.ts";
import type { Action, Subject } from "../auth/policy.ts";
import type { Locale, Translate } from "../platform/i18n/index.ts";

/** What every page template needs to know about the request it answers. */
export interface View {
  t: Translate;
  locale: Locale;
  actor: Actor;
  csrfToken: string;
  /** Path and query of this page, for the language switch to come back to. */
  path: string;
  /** The policy's answers, so a page offers only what the actor may do. */
  can: (action: Action, subject?: Subject) => boolean;
}
