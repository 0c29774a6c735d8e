import type { MessageKey } from "../platform/i18n/index.ts";
import type { MenuLink, Viewer } from "../web/view.ts";
import { type Actor, ANONYMOUS, type UserActor } from "./actor.ts";
import { can } from "./policy.ts";

interface MenuItem extends MenuLink {
  show: (actor: Actor) => boolean;
}

const always = () => true;

/** The main menu; each item shows only to those who may use it. */
const MAIN_MENU: readonly MenuItem[] = [
  { href: "/", label: "nav.home", show: always },
  { href: "/arenden", label: "nav.cases", show: (a) => can(a, "case.view") },
  { href: "/sok", label: "nav.search", show: (a) => can(a, "case.view") },
  { href: "/remisser", label: "nav.consultations", show: (a) => can(a, "consultation.view") },
  { href: "/mina-remisser", label: "nav.my_consultations", show: (a) => can(a, "consultation.inbox") },
  { href: "/engagemang", label: "nav.engagements", show: (a) => can(a, "engagement.view") },
  { href: "/uppfoljning", label: "nav.followup", show: (a) => can(a, "followup.view") },
  { href: "/begaranden", label: "nav.copy_requests", show: (a) => can(a, "copy_request.handle") },
  {
    href: "/mina-bevakningar",
    label: "nav.due",
    // The due items of the reader's own cases, which they may sign off.
    show: (a) => a.kind === "user" && can(a, "document.sign_off", { officerId: a.id }),
  },
  { href: "/organisation", label: "nav.organisation", show: (a) => can(a, "unit.view") },
  { href: "/admin/anvandare", label: "nav.users", show: (a) => can(a, "user.manage") },
  { href: "/admin/logg", label: "nav.audit", show: (a) => can(a, "audit.view") },
  { href: "/admin/utkorg", label: "nav.outbox", show: (a) => can(a, "outbox.view") },
  { href: "/admin/diarier", label: "nav.registries", show: (a) => can(a, "registry.configure") },
  {
    href: "/admin/sekretessgrunder",
    label: "nav.secrecy_grounds",
    show: (a) => can(a, "registry.configure"),
  },
  { href: "/admin/klassificering", label: "nav.classification", show: (a) => can(a, "registry.configure") },
  { href: "/offentlig", label: "nav.public", show: always },
  { href: "/admin/gallring", label: "nav.disposal", show: (a) => can(a, "disposal.manage") },
  { href: "/konto", label: "nav.account", show: (a) => can(a, "account.manage") },
  { href: "/import", label: "nav.import", show: (a) => can(a, "import.manage") },
];

const signedInAs = (user: UserActor): { name: string; role: MessageKey } => ({
  name: user.displayName,
  role: `role.${user.role}`,
});

/** How pages show an actor: their name and role, and the menu links they may follow. */
export function viewerOf(actor: Actor): Viewer {
  return {
    signedIn: actor.kind === "user" ? signedInAs(actor) : null,
    menu: () => MAIN_MENU.filter((item) => item.show(actor)).map(({ href, label }) => ({ href, label })),
  };
}

/** The viewer of every request until it proves who is asking. */
export const ANONYMOUS_VIEWER: Viewer = viewerOf(ANONYMOUS);
