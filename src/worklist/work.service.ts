import { can, type UserActor } from "../auth/index.ts";
import { officerTasks, unitInbox } from "../consultation/index.ts";
import { engagementTasks } from "../engagements/index.ts";
import { waitingImports } from "../import/index.ts";
import { mailQueue } from "../mail-intake/index.ts";
import { listAllUnits } from "../organisation/index.ts";
import { addCivilDays, stockholmDate } from "../platform/calendar/civil-date.ts";
import type { Ctx } from "../platform/context.ts";
import { copyRequestList, dueItemsOf } from "../registry/index.ts";
import { reportsAwaitingApproval } from "../reports/index.ts";
import type { WorkItem, WorkSection } from "./work.model.ts";

const IMPORT_LIMIT = 100;
/** A copy request is to be handled promptly (skyndsamt, TF 2:15): one that waited past the next day is late. */
const COPY_REQUEST_DAYS = 1;

const ANSWERABLE = new Set(["sent", "opened", "extension_granted", "extension_asked", "no_answer"]);

/**
 * Everything waiting for one person today, section by section, as their permissions allow; a
 * section with nothing in it is left out. Each source is the owning domain's own query.
 */
export async function workFor(ctx: Ctx, actor: UserActor): Promise<WorkSection[]> {
  const today = stockholmDate(ctx.clock.now());
  const [approvals, due, inbox, tasks, copies, mail, imports, engagement] = await Promise.all([
    reportsAwaitingApproval(ctx, actor.id),
    can(actor, "document.sign_off", { officerId: actor.id }) ? dueItemsOf(ctx, actor.id) : [],
    can(actor, "consultation.inbox") && actor.unitId ? unitInbox(ctx, actor, actor.unitId) : [],
    can(actor, "consultation.view") ? officerTasks(ctx, actor) : [],
    can(actor, "copy_request.handle") ? copyRequestList(ctx, actor, "new") : [],
    can(actor, "mail_intake.handle") ? mailQueue(ctx) : [],
    can(actor, "import.manage") ? waitingImports(ctx, IMPORT_LIMIT) : [],
    engagementTasks(ctx, actor),
  ]);
  const unitName = new Map(
    engagement.toDecide.length > 0 ? (await listAllUnits(ctx)).map((u) => [u.id, u.name]) : [],
  );
  const officer = (kind: string): WorkItem[] =>
    tasks
      .filter((t) => t.kind === kind)
      .map((t) => ({
        text: t.bodyName,
        detail: `${t.diaryNumber} ${t.roundTitle}`,
        href: `/remisser/${t.consultationId}/mottagare/${t.recipientId}`,
        date: kind === "assess" ? (t.answeredOn ?? "") : t.deadline,
        overdue: kind === "late",
      }));
  const copyLateBefore = addCivilDays(today, -COPY_REQUEST_DAYS);
  const sections: WorkSection[] = [
    {
      key: "approvals",
      href: "/tjansteutlatanden",
      menu: "/tjansteutlatanden",
      items: approvals.map((r) => ({
        text: r.title,
        detail: r.diaryNumber,
        href: `/tjansteutlatanden/${r.reportId}`,
        date: stockholmDate(new Date(r.writtenAt)),
        overdue: false,
      })),
    },
    {
      key: "due",
      href: "/mina-bevakningar",
      menu: "/mina-bevakningar",
      items: due.map((d) => ({
        text: d.description,
        detail: d.diaryNumber,
        href: `/handlingar/${d.documentId}`,
        date: d.dueDate,
        overdue: d.dueDate < today,
      })),
    },
    {
      key: "to_answer",
      href: "/mina-remisser",
      menu: "/mina-remisser",
      items: inbox
        .filter((i) => ANSWERABLE.has(i.state))
        .map((i) => ({
          text: i.title,
          detail: i.diaryNumber,
          href: `/remissvar/${i.recipientId}`,
          date: i.deadline,
          overdue: i.deadline < today,
        })),
    },
    { key: "assess", href: "/remisser", menu: "/remisser", items: officer("assess") },
    { key: "late", href: "/remisser", menu: "/remisser", items: officer("late") },
    { key: "extensions", href: "/remisser", menu: "/remisser", items: officer("extension") },
    {
      key: "copy_requests",
      href: "/begaranden",
      menu: "/begaranden",
      items: copies.map((r) => ({
        text: r.description,
        detail: r.request_number ?? r.diary_number,
        href: `/begaranden/${r.id}`,
        date: stockholmDate(new Date(r.received_at)),
        overdue: stockholmDate(new Date(r.received_at)) < copyLateBefore,
      })),
    },
    {
      key: "received_mail",
      href: "/post",
      menu: "/post",
      items: mail.map((m) => ({
        text: m.subject || m.fromAddress || "",
        detail: m.fromAddress ?? "",
        href: `/post/${m.id}`,
        date: stockholmDate(new Date(m.receivedAt)),
        overdue: false,
      })),
    },
    {
      key: "imports",
      href: "/import",
      menu: "/import",
      items: imports.map((i) => ({
        text: i.title || i.fileName,
        detail: i.fileName,
        href: `/import/${i.id}`,
        date: stockholmDate(new Date(i.createdAt)),
        overdue: false,
      })),
    },
    {
      key: "visits",
      href: "/engagemang/besok",
      menu: "/engagemang",
      items: engagement.visits.map((v) => ({
        text: v.organisation,
        detail: v.country,
        href: `/engagemang/besok/${v.id}`,
        date: v.visitFrom,
        overdue: v.visitFrom < today,
      })),
    },
    {
      key: "decisions",
      href: "/engagemang?status=proposed",
      menu: "/engagemang",
      items: engagement.toDecide.map((e) => ({
        text: e.title,
        detail: unitName.get(e.unitId) ?? "",
        href: `/engagemang/${e.id}`,
        date: stockholmDate(new Date(e.createdAt)),
        overdue: false,
      })),
    },
    {
      key: "reviews",
      href: "/engagemang/oversyner",
      menu: "/engagemang",
      items: engagement.reviews.map((d) => ({
        text: d.title,
        detail: d.unitName,
        href: `/engagemang/${d.engagementId}`,
        date: d.dueOn,
        overdue: d.overdue,
      })),
    },
  ];
  return sections.filter((s) => s.items.length > 0);
}
