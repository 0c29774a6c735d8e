import type { Migration } from "kysely";
import * as foundation from "./2026-11-29-0001-foundation.ts";

/** Every migration in order. Names are date-prefixed; files are frozen once landed. */
export const MIGRATIONS: Record<string, Migration> = {
  "2026-11-29-0001-foundation": foundation,
};
