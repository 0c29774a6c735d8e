import type { Actor, UserActor } from "./actor.ts";

/**
 * The one place that says who may do what. Routes ask `can` before acting and
 * hand the same answers to views, so a page offers only what the actor may do.
 */
export type Action =
  | "unit.view"
  | "unit.export"
  | "unit.create"
  | "unit.edit"
  | "user.manage"
  | "session.revoke"
  | "token.revoke"
  | "account.manage"
  | "audit.view"
  | "outbox.view"
  | "metrics.view"
  | "case.view"
  | "case.view_full"
  | "case.create"
  | "case.edit"
  | "case.close"
  | "case.export"
  | "case.backdate"
  | "registry.configure"
  | "document.create"
  | "document.sign_off"
  | "letter.register"
  | "copy_request.handle"
  | "mail_intake.handle"
  | "disposal.manage"
  | "consultation.view"
  | "consultation.manage"
  | "consultation.inbox"
  | "consultation.answer"
  | "engagement.view"
  | "engagement.manage"
  | "engagement.decide"
  | "import.manage"
  | "followup.view"
  | "visit_request.handle"
  | "engagement_review.manage"
  | "contact_network.manage"
  | "engagement_plan.manage"
  | "monitoring.manage"
  | "review_settings.manage"
  | "meeting.manage";

/** What a rule may look at: the owner of the thing acted on, where it has one. */
export interface Subject {
  userId?: string;
  /** The unit the thing acted on belongs to (an engagement's owner, a consultation body), for roles bound to one unit. */
  unitId?: string | null;
  /** The officer (handläggare) responsible for the thing acted on, where it has one (a case). */
  officerId?: string | null;
}

const signedIn = (_actor: UserActor) => true;
const admin = (actor: UserActor) => actor.role === "admin";
/** Registry staff: those who open, register and handle cases. */
const registryStaff = (actor: UserActor) =>
  actor.role === "admin" || actor.role === "registrator" || actor.role === "handlaggare";
/**
 * A case's insiders (issue 14): registry staff city-wide, and the officers who work on it — the
 * case's own officer and the officers of the case's unit. They see a case in full (real title,
 * secret descriptions, protected parties) and write to it; everyone else sees what the public
 * register shows. Without a subject only registry staff qualify.
 */
export const caseInsider = (actor: UserActor, subject?: Subject) =>
  actor.role === "admin" ||
  actor.role === "registrator" ||
  (actor.role === "handlaggare" &&
    subject !== undefined &&
    ((subject.officerId != null && subject.officerId === actor.id) ||
      (subject.unitId != null && actor.unitId !== null && subject.unitId === actor.unitId)));
/**
 * Work bound to a unit (issue 14): a handläggare acts for their own unit and where they are the
 * responsible officer. Without a subject (a menu, a route's first check) the role alone counts;
 * the service asks again with the thing acted on.
 */
const ownUnitOrOfficer = (actor: UserActor, subject?: Subject) =>
  subject === undefined ||
  (subject.officerId != null && subject.officerId === actor.id) ||
  (subject.unitId != null && actor.unitId !== null && subject.unitId === actor.unitId);
/** A unit's contact person acts for their own unit only. */
const ownUnit = (actor: UserActor, subject?: Subject) =>
  subject === undefined ||
  (subject.unitId != null && actor.unitId !== null && subject.unitId === actor.unitId);
const ownerOrAdmin = (actor: UserActor, subject?: Subject) =>
  actor.role === "admin" || (subject?.userId !== undefined && subject.userId === actor.id);

const RULES = {
  "unit.view": signedIn,
  "unit.export": signedIn,
  "unit.create": admin,
  "unit.edit": admin,
  "user.manage": admin,
  "session.revoke": ownerOrAdmin,
  "token.revoke": ownerOrAdmin,
  "account.manage": signedIn,
  "audit.view": admin,
  "outbox.view": admin,
  "metrics.view": admin,
  "case.view": signedIn,
  // The real title, secret descriptions and protected parties of a case (subject: its unit and officer).
  "case.view_full": caseInsider,
  "case.create": registryStaff,
  // Writes to a case bind to its unit (issue 14): the same insiders who see it in full.
  "case.edit": caseInsider,
  "case.close": caseInsider,
  // E-archive delivery (R10) is the registry's and archive's task, and a package holds secret
  // documents in full: registrators and admins, not every officer.
  "case.export": (actor: UserActor) => actor.role === "admin" || actor.role === "registrator",
  // R8: a new number in an earlier year breaks the series' order in time; only the registry's
  // own staff may do it, and with a reason (cases.service.ts asks for it and audits it).
  "case.backdate": (actor: UserActor) => actor.role === "admin" || actor.role === "registrator",
  "registry.configure": admin,
  "document.create": caseInsider,
  "document.sign_off": caseInsider,
  // A letter a flow writes (a visit decision, a network message) goes into a case the user names:
  // a handläggare only into cases they may write to (their unit's, or as its officer); the flow's
  // other actors (registry staff, a contact person deciding their own unit's visit) into any open
  // case, since the flow's own rule already bound them.
  "letter.register": (actor: UserActor, subject?: Subject) =>
    actor.role !== "handlaggare" || caseInsider(actor, subject),
  "copy_request.handle": registryStaff,
  // The registry's mailbox (issue 22): what could not be matched waits for the registry's own staff.
  "mail_intake.handle": (actor: UserActor) => actor.role === "admin" || actor.role === "registrator",
  // R6: recording disposal decisions and running disposal is the registry's and the archive's work.
  "disposal.manage": (actor: UserActor) => actor.role === "admin" || actor.role === "registrator",
  "consultation.view": signedIn,
  // Running a round (create, send, extend, remind, assess, register an answer that came by post,
  // compile, close) belongs to the case it is part of (subject: the case's unit and officer): the
  // case's insiders. Without a subject, the roles that may run some round.
  "consultation.manage": (actor: UserActor, subject?: Subject) =>
    subject === undefined ? registryStaff(actor) : caseInsider(actor, subject),
  // The consultation bodies' own page: the remissinstans bound to a unit.
  "consultation.inbox": (actor: UserActor) => actor.role === "remissinstans" && actor.unitId !== null,
  // A body's own answer (subject: the body's unit): its unit's remissinstans. Staff registering an
  // answer that came by post do so under consultation.manage of the round's case.
  "consultation.answer": (actor: UserActor, subject?: Subject) =>
    actor.role === "remissinstans" && actor.unitId !== null && subject?.unitId === actor.unitId,
  // International engagements (subject: the owning unit and the responsible officer): every
  // signed-in user reads them; admins change any; a handläggare those of their own unit and those
  // they are the officer of; a unit's international contact person those of their own unit
  // (domain.md §1: international work is part of each unit's own work, §6).
  "engagement.view": signedIn,
  "engagement.manage": (actor: UserActor, subject?: Subject) =>
    actor.role === "admin" ||
    (actor.role === "handlaggare" && ownUnitOrOfficer(actor, subject)) ||
    (actor.role === "kontaktperson" && ownUnit(actor, subject)),
  // Recording what a decision body decided: decision makers and admins.
  "engagement.decide": (actor: UserActor) => actor.role === "admin" || actor.role === "beslutsfattare",
  // Importing a received consultation opens a case and registers a document: registry staff.
  "import.manage": registryStaff,
  // The follow-up of international work (issue 5): read by everyone signed in; kept by officers.
  "followup.view": signedIn,
  // Contact persons coordinate their unit's incoming visits and its yearly plan (domain.md §1):
  // they assess and decide only the requests routed to their own unit (subject: that unit, KS's
  // own unit when KS coordinates). Case officers assess visit requests city-wide (domain.md §1;
  // SLK advises on visit assessment, §6) and become the officer of the visit an accepted one
  // turns into.
  "visit_request.handle": (actor: UserActor, subject?: Subject) =>
    actor.role === "admin" ||
    actor.role === "handlaggare" ||
    (actor.role === "kontaktperson" && ownUnit(actor, subject)),
  // Recording a review changes the engagement (subject: the engagement's unit and officer).
  "engagement_review.manage": (actor: UserActor, subject?: Subject) =>
    actor.role === "admin" || (actor.role === "handlaggare" && ownUnitOrOfficer(actor, subject)),
  // The contact network is kept city-wide by those who coordinate international work centrally
  // (SLK's officers and the registry); contact persons are its members, not its keepers.
  "contact_network.manage": registryStaff,
  // A unit's yearly plan (subject: the unit): admins and registrators city-wide (KS compiles the
  // city's follow-up, domain.md §6); a handläggare or contact person their own unit's only, like
  // every other unit-bound write (issue 14).
  "engagement_plan.manage": (actor: UserActor, subject?: Subject) =>
    actor.role === "admin" ||
    actor.role === "registrator" ||
    ((actor.role === "handlaggare" || actor.role === "kontaktperson") && ownUnit(actor, subject)),
  "monitoring.manage": registryStaff,
  // How long before a review or an agreement's end the reminders go out, for the whole city.
  "review_settings.manage": admin,
  // Meetings, agendas and decisions: the registry staff keep the bodies' minutes (domain.md §6a).
  "meeting.manage": registryStaff,
} satisfies Record<Action, (actor: UserActor, subject?: Subject) => boolean>;

export function can(actor: Actor, action: Action, subject?: Subject): actor is UserActor {
  if (actor.kind !== "user") return false;
  return RULES[action](actor, subject);
}
