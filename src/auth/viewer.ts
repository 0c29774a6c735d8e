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
  { href: "/", label: "nav.home", group: "work", show: always },
  { href: "/arenden", label: "nav.cases", group: "work", show: (a) => can(a, "case.view") },
  { href: "/sok", label: "nav.search", group: "work", show: (a) => can(a, "case.view") },
  { href: "/remisser", label: "nav.consultations", group: "work", show: (a) => can(a, "consultation.view") },
  {
    href: "/mina-remisser",
    label: "nav.my_consultations",
    group: "work",
    show: (a) => can(a, "consultation.inbox"),
  },
  { href: "/engagemang", label: "nav.engagements", group: "work", show: (a) => can(a, "engagement.view") },
  { href: "/uppfoljning", label: "nav.followup", group: "work", show: (a) => can(a, "followup.view") },
  {
    href: "/begaranden",
    label: "nav.copy_requests",
    group: "work",
    show: (a) => can(a, "copy_request.handle"),
  },
  // The received-mail queue is the registry desk's daily work; an admin, who may also file it,
  // finds it under administration, which keeps the admin's long menu on one line.
  {
    href: "/post",
    label: "nav.mail_intake",
    group: "work",
    show: (a) => can(a, "mail_intake.handle") && a.kind === "user" && a.role !== "admin",
  },
  {
    href: "/mina-bevakningar",
    label: "nav.due",
    group: "work",
    // The due items of the reader's own cases, which they may sign off.
    show: (a) => a.kind === "user" && can(a, "document.sign_off", { officerId: a.id }),
  },
  { href: "/import", label: "nav.import", group: "work", show: (a) => can(a, "import.manage") },
  // Staff reach the public register from the footer; the public's menu leads there.
  { href: "/offentlig", label: "nav.public", group: "work", show: (a) => a.kind !== "user" },
  { href: "/organisation", label: "nav.organisation", group: "admin", show: (a) => can(a, "unit.view") },
  { href: "/admin/anvandare", label: "nav.users", group: "admin", show: (a) => can(a, "user.manage") },
  { href: "/admin/logg", label: "nav.audit", group: "admin", show: (a) => can(a, "audit.view") },
  { href: "/admin/utkorg", label: "nav.outbox", group: "admin", show: (a) => can(a, "outbox.view") },
  {
    href: "/post",
    label: "nav.mail_intake",
    group: "admin",
    show: (a) => a.kind === "user" && a.role === "admin",
  },
  {
    href: "/admin/diarier",
    label: "nav.registries",
    group: "admin",
    show: (a) => can(a, "registry.configure"),
  },
  {
    href: "/admin/sekretessgrunder",
    label: "nav.secrecy_grounds",
    group: "admin",
    show: (a) => can(a, "registry.configure"),
  },
  {
    href: "/admin/klassificering",
    label: "nav.classification",
    group: "admin",
    show: (a) => can(a, "registry.configure"),
  },
  { href: "/admin/gallring", label: "nav.disposal", group: "admin", show: (a) => can(a, "disposal.manage") },
];

const signedInAs = (user: UserActor): { name: string; role: MessageKey } => ({
  name: user.displayName,
  role: `role.${user.role}`,
});

/**
 * How pages show an actor: their name and role, the menu links they may follow and, when given,
 * how many things wait at each of them.
 */
export function viewerOf(actor: Actor, counts?: () => Promise<Readonly<Record<string, number>>>): Viewer {
  return {
    signedIn: actor.kind === "user" ? signedInAs(actor) : null,
    menu: () =>
      MAIN_MENU.filter((item) => item.show(actor)).map(({ href, label, group }) => ({ href, label, group })),
    ...(counts ? { counts } : {}),
  };
}

/** The viewer of every request until it proves who is asking. */
export const ANONYMOUS_VIEWER: Viewer = viewerOf(ANONYMOUS);
