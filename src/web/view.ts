import type { Locale, MessageKey, Translate } from "../platform/i18n/index.ts";

/** A link of the main menu. */
export interface MenuLink {
  href: string;
  label: MessageKey;
  /** Daily work stays in view; administration folds into one menu entry. */
  group: "work" | "admin";
}

/** Who is looking at the page, as every page's frame shows them; filled in for each request by auth. */
export interface Viewer {
  /** The signed-in user's name and role, or null for a visitor who has not signed in. */
  signedIn: { name: string; role: MessageKey } | null;
  /** The main menu's links that this viewer may follow. */
  menu(): readonly MenuLink[];
  /** How many things wait at each menu entry (by its href), for a signed-in user. */
  counts?: () => Promise<Readonly<Record<string, number>>>;
}

/** What every page template needs to know about the request it answers. */
export interface View {
  t: Translate;
  locale: Locale;
  viewer: Viewer;
  csrfToken: string;
  /** Path and query of this page, for the language switch to come back to. */
  path: string;
}
