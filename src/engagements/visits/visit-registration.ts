import type { UserActor } from "../../auth/index.ts";
import { listAllUnits, type Unit } from "../../organisation/index.ts";
import { stockholmDate } from "../../platform/calendar/civil-date.ts";
import type { Ctx } from "../../platform/context.ts";
import { type Locale, translator } from "../../platform/i18n/index.ts";
import type { OutgoingMail } from "../../platform/mail/mail.service.ts";
import { wordFile } from "../../platform/text/word-writer.ts";
import {
  allClasses,
  type Case,
  getRegistries,
  type PreparedCase,
  type PreparedDocument,
  prepareCase,
  prepareDocument,
  publicCaseHref,
} from "../../registry/index.ts";
import { countryName } from "../countries.ts";
import { currentContacts } from "../network/network.store.ts";
import { KS_UNIT_ID, type VisitRouting } from "./visits.model.ts";

/** The register's words are Swedish, whatever language the sender wrote in. */
const sv = translator("sv");

/** What a request says, as the sender gave it: what its registration and mails are made of. */
export interface RequestFacts {
  organisation: string;
  country: string;
  contactName: string;
  contactEmail: string;
  visitFrom: string;
  visitTo: string;
  participants: number;
  purpose: string;
  politicalLevel: "high" | "normal";
  unitIds: readonly string[];
  routing: VisitRouting;
  receivedVia: "public" | "officer";
  /** The instant it arrived (ISO). */
  receivedAt: string;
}

/** A request prepared for the registry: the case opened for it (none when filed in an existing one) and the document. */
export interface PreparedRequestRegistration {
  case: PreparedCase | null;
  document: PreparedDocument;
}

/** The unit that coordinates the request: the one it is routed to, or KS. */
export const coordinatingUnitId = (routing: VisitRouting): string => routing.unitId ?? KS_UNIT_ID;

/**
 * The registry a request's new case is opened in: the coordinating unit's own registry, else the
 * nearest registry up its line of parents (an administration under its committee), else KS's,
 * else the first. Null when the tenant has no registry at all.
 */
async function registryFor(ctx: Ctx, unitId: string, units: Map<string, Unit>): Promise<string | null> {
  const registries = [...(await getRegistries(ctx))].sort((a, b) => a.id.localeCompare(b.id));
  const byUnit = new Map(registries.filter((r) => r.unitId).map((r) => [r.unitId, r.id]));
  const seen = new Set<string>();
  for (let u: string | null = unitId; u && !seen.has(u); u = units.get(u)?.parentId ?? null) {
    seen.add(u);
    const found = byUnit.get(u);
    if (found) return found;
  }
  return byUnit.get(KS_UNIT_ID) ?? registries[0]?.id ?? null;
}

/**
 * The class a request's case is filed under (R7: from the scheme in force, not retired): the class
 * for visits (its title names "besök"), else the one for international work ("internation"), else
 * the first in force by code. The registrar can refile the case like any other.
 */
async function classFor(ctx: Ctx): Promise<string | null> {
  const inForce = (await allClasses(ctx.db, ctx.config.tenantId, stockholmDate(ctx.clock.now()))).filter(
    (c) => c.current && !c.retired,
  );
  const titled = (word: RegExp) => inForce.find((c) => word.test(c.title));
  return (titled(/besök/i) ?? titled(/internation/i) ?? inForce[0])?.id ?? null;
}

/** The request as the registry keeps it: a Word file of the form's answers, under labelled rows. */
async function requestFile(facts: RequestFacts, units: Map<string, Unit>) {
  const unitName = (id: string) => units.get(id)?.name ?? id;
  const rows: [string, string][] = [
    [sv("visit.field.organisation"), facts.organisation],
    [sv("visit.field.country"), `${countryName(facts.country, "sv")} (${facts.country})`],
    [sv("visit.field.contactName"), facts.contactName],
    [sv("visit.field.contactEmail"), facts.contactEmail],
    [sv("visit.field.visitFrom"), facts.visitFrom],
    [sv("visit.field.visitTo"), facts.visitTo],
    [sv("visit.field.participants"), String(facts.participants)],
    [sv("visit.field.politicalLevel"), sv(`visit.level.${facts.politicalLevel}`)],
    [sv("visit.field.unitIds"), facts.unitIds.map(unitName).join(", ") || "–"],
    [sv("visit.coordinator"), unitName(coordinatingUnitId(facts.routing))],
    [sv("visit.received_via"), sv(`visit.via.${facts.receivedVia}`)],
    [sv("visit.received_at"), facts.receivedAt],
  ];
  return {
    fileName: "besoksforfragan.docx",
    bytes: await wordFile(sv("visit.request_file_title", { organisation: facts.organisation }), [
      ["", [{ caption: sv("visit.facts_caption"), head: [sv("visit.fact"), sv("visit.value")], rows }]],
      [sv("visit.field.purpose"), facts.purpose.split(/\r?\n/).filter((l) => l.trim() !== "")],
    ]),
  };
}

/**
 * Prepares a request's registration as it arrives (nothing written): the request as an incoming
 * document — the form's answers as a Word file, like the city's other e-service, the copy request,
 * so the clerk reads every request the same way — in the open case `existing` the officer named,
 * or in a case opened for it in the coordinating unit's registry, its public title naming the
 * organisation and the organisation its party. The party is the organisation (with the contact's
 * address), not the contact by name: the registry's audit events name parties, and the sender's
 * personal details stay in the request. Null when the tenant has no registry or class to open a
 * case in (the request is then received unregistered, and filed into a case by hand later).
 */
export async function prepareRequestRegistration(
  ctx: Ctx,
  by: UserActor | "system",
  facts: RequestFacts,
  existing: Case | null,
): Promise<PreparedRequestRegistration | null> {
  const units = new Map((await listAllUnits(ctx)).map((u) => [u.id, u]));
  let preparedCase: PreparedCase | null = null;
  if (!existing) {
    const unitId = coordinatingUnitId(facts.routing);
    const [registryId, classId] = [await registryFor(ctx, unitId, units), await classFor(ctx)];
    if (!registryId || !classId) {
      ctx.log.warn("no registry or class to register a visit request in: received unregistered");
      return null;
    }
    const organisation = facts.organisation.slice(0, 200);
    preparedCase = await prepareCase(ctx, by, {
      registryId,
      classId,
      unitId,
      title: sv("visit.case_title", {
        organisation: facts.organisation,
        from: facts.visitFrom,
        to: facts.visitTo,
      }).slice(0, 500),
      publicTitle: sv("visit.title", { organisation: facts.organisation }).slice(0, 500),
      parties: [{ name: organisation, email: facts.contactEmail }],
    });
  }
  const target = preparedCase ?? existing;
  if (!target) return null;
  return { case: preparedCase, document: await prepareRequestDocument(ctx, by, target, facts, units) };
}

/** The request as an incoming document of `target` (an open case, or one prepared with it). */
export async function prepareRequestDocument(
  ctx: Ctx,
  by: UserActor | "system",
  target: Case | PreparedCase,
  facts: RequestFacts,
  units?: Map<string, Unit>,
): Promise<PreparedDocument> {
  const known = units ?? new Map((await listAllUnits(ctx)).map((u) => [u.id, u]));
  return prepareDocument(
    ctx,
    by,
    "diaryNumber" in target ? target.id : target,
    {
      direction: "incoming",
      // The day it arrived (R3), also for a request from before registration filed later.
      date: stockholmDate(new Date(facts.receivedAt)),
      party: facts.organisation.slice(0, 300),
      description: sv("visit.title", { organisation: facts.organisation }).slice(0, 1000),
      documentType: "besöksförfrågan",
    },
    await requestFile(facts, known),
  );
}

/** The sender's receipt page: the reference, by the request's unguessable id. */
export const receiptPath = (id: string) => `/offentlig/besok/mottagen/${id}`;

/** The reference the sender is given: the case's diary number, or, unregistered, the request's own. */
export const referenceOf = (id: string, diaryNumber: string | null) =>
  diaryNumber ?? id.slice(0, 8).toUpperCase();

/**
 * The sender's receipt (kvittens): the reference at once, by e-mail, in the language the form was
 * sent in (English for a request an officer recorded: visit letters are in English).
 */
export function receiptMail(
  ctx: Ctx,
  facts: RequestFacts,
  request: { id: string; diaryNumber: string | null; coordinator: string },
  locale: Locale,
): OutgoingMail {
  const t = translator(locale);
  const reference = referenceOf(request.id, request.diaryNumber);
  const params = {
    contact: facts.contactName,
    organisation: facts.organisation,
    from: facts.visitFrom,
    to: facts.visitTo,
    reference,
    coordinator: request.coordinator,
  };
  return {
    to: facts.contactEmail,
    subject: t("visit.receipt_subject", params),
    text: [
      t("visit.receipt_greeting", params),
      t(request.diaryNumber ? "visit.receipt_body" : "visit.receipt_body_unregistered", params),
      t("visit.receipt_next", params),
      t("visit.receipt_link", { link: new URL(receiptPath(request.id), ctx.config.publicUrl).toString() }),
      ...(request.diaryNumber
        ? [
            t("visit.receipt_register", {
              link: new URL(publicCaseHref(request.diaryNumber), ctx.config.publicUrl).toString(),
            }),
          ]
        : []),
    ].join("\n\n"),
  };
}

/**
 * Tells the coordinating office a request has arrived (in Swedish, the city's working language):
 * the coordinating unit's functional mailbox (else its e-mail address) and its international
 * contact person, each once. The mail names the organisation, dates and reference, never the
 * sender's personal details; the officer reads those in kansli. The addresses are looked up now;
 * the mails are made once the diary number is known, inside the receipt's transaction.
 */
export async function coordinatorNotice(
  ctx: Ctx,
  facts: RequestFacts,
): Promise<{
  coordinator: string;
  mails: (request: { id: string; diaryNumber: string | null }) => OutgoingMail[];
}> {
  const unitId = coordinatingUnitId(facts.routing);
  const unit = (await listAllUnits(ctx)).find((u) => u.id === unitId);
  const contact = (await currentContacts(ctx.db, ctx.config.tenantId)).find((c) => c.unitId === unitId);
  const to = [
    ...new Set(
      [unit?.functionalMailbox ?? unit?.email, contact?.email].filter((a): a is string => Boolean(a)),
    ),
  ];
  if (to.length === 0) ctx.log.warn({ unitId }, "the unit coordinating a visit request has no address");
  const coordinator = unit?.name ?? unitId;
  const mails = (request: { id: string; diaryNumber: string | null }) => {
    const params = {
      organisation: facts.organisation,
      country: countryName(facts.country, "sv"),
      from: facts.visitFrom,
      to: facts.visitTo,
      participants: facts.participants,
      reference: referenceOf(request.id, request.diaryNumber),
      coordinator,
      link: new URL(`/engagemang/besok/${request.id}`, ctx.config.publicUrl).toString(),
    };
    return to.map((address) => ({
      to: address,
      subject: sv("visit.notify_subject", params),
      text: [
        sv("visit.notify_body", params),
        sv(`engagement.routing.${facts.routing.rule}`),
        sv("visit.notify_link", params),
      ].join("\n\n"),
    }));
  };
  return { coordinator, mails };
}
