import { stockholmDate } from "../../platform/calendar/civil-date.ts";
import type { Ctx } from "../../platform/context.ts";
import type { Db } from "../../platform/db/database.ts";
import { translator } from "../../platform/i18n/index.ts";
import { wordFile } from "../../platform/text/word-writer.ts";
import type { Case } from "../cases.model.ts";
import { type PreparedCase, prepareCase, writePreparedCase } from "../cases.service.ts";
import { allClasses } from "../classification.store.ts";
import { type PreparedDocument, prepareDocument, writePreparedDocument } from "../documents.service.ts";

/** What a request says, as the requester gave it. */
export interface RequestFacts {
  requesterName: string | null;
  delivery: "email" | "paper";
  email: string | null;
  postalAddress: string | null;
  message: string | null;
  receivedOn: string;
  /** The requested document as the public register shows it. */
  document: string;
}

export interface PreparedRegistration {
  case: PreparedCase;
  document: PreparedDocument;
}

/** The register's words are Swedish, whatever language the requester reads. */
const sv = translator("sv");

/** Who the request came from, as the register names the party: the name given, or "Anonym". */
export const requesterParty = (name: string | null): string => name ?? sv("requests.anonymous");

/**
 * The class a request's case is filed under (R7: from the scheme in force): the requested case's
 * class, or, for a case filed under an earlier scheme, the first class in force by code, since a
 * class of an earlier scheme has no successor the register knows of.
 */
async function requestClass(ctx: Ctx, requested: Case): Promise<string | undefined> {
  const inForce = (await allClasses(ctx.db, ctx.config.tenantId, stockholmDate(ctx.clock.now()))).filter(
    (c) => c.current,
  );
  return (inForce.find((c) => c.id === requested.classId) ?? inForce[0])?.id;
}

/**
 * Prepares the registration of a request as it arrives: a case of its own, in the registry, class
 * (`requestClass`) and unit of the requested document's case, and the request as an incoming document in it with
 * the request's text as a Word file. One case per request, not one per year: a refusal is an
 * appealable decision the requester and the court cite by its diary number, and the case's
 * documents (request, decision) stay together (docs/domains/registry.md).
 */
export async function prepareRegistration(
  ctx: Ctx,
  requested: Case,
  facts: RequestFacts,
): Promise<PreparedRegistration> {
  const preparedCase = await prepareCase(ctx, "system", {
    registryId: requested.registryId,
    title: sv("requests.case_title", { number: requested.diaryNumber }),
    classId: await requestClass(ctx, requested),
    unitId: requested.unitId,
  });
  const params = { received: facts.receivedOn, document: facts.document, caseNumber: requested.diaryNumber };
  const bytes = await wordFile(sv("requests.request_file_title"), [
    [
      "",
      [
        sv("requests.request_file_body", params),
        sv("requests.request_file_requester", { requester: requesterParty(facts.requesterName) }),
        sv("requests.request_file_delivery", {
          delivery: `${sv(`copy.delivery.${facts.delivery}`)}: ${facts.email ?? facts.postalAddress ?? ""}`,
        }),
        ...(facts.message ? [sv("requests.request_file_message", { message: facts.message })] : []),
      ],
    ],
  ]);
  const document = await prepareDocument(
    ctx,
    "system",
    preparedCase,
    {
      direction: "incoming",
      // The day it arrived (R3), also for a request registered late.
      date: facts.receivedOn,
      party: requesterParty(facts.requesterName).slice(0, 300),
      description: sv("requests.request_description", { document: facts.document }).slice(0, 1000),
      documentType: "begäran",
    },
    { fileName: "begaran.docx", bytes },
  );
  return { case: preparedCase, document };
}

/** Writes a prepared registration in the caller's transaction: the case, then the request document. */
export async function writeRegistration(ctx: Ctx, trx: Db, prepared: PreparedRegistration) {
  const c = await writePreparedCase(ctx, trx, prepared.case);
  const d = await writePreparedDocument(ctx, trx, prepared.document);
  return { caseId: c.id, documentId: d.id };
}
