import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { type FilePart, TestClient } from "./helpers/client.ts";
import { EVERYONE, type Expected, type Who } from "./helpers/roles.ts";
import { appRoutes, coverage, routeParams } from "./helpers/routes.ts";
import {
  CASE_SUBJECTS,
  daysAhead,
  isSecret,
  type Kind,
  type Made,
  SECRET,
  SUBJECTS,
  type Subject,
  UnitFixtures,
} from "./helpers/unit-fixtures.ts";

/**
 * The subject dimension of the permission matrix (issue 14, items 1, 2 and 9): every route whose
 * path names a record that belongs to a unit, tried by every role against a record of the
 * role's own unit, one of another unit, a secret case and a public case (and, for cases, a secret
 * case whose officer is the handläggare). The expected answers are the specification, written
 * here by hand, never computed from the policy:
 *
 * - Reads: everyone signed in opens a case, document, consultation, engagement or visit
 *   request; outsiders get the public view (never a secret title, description, protected party
 *   or file text) and drafts answer 404 to them.
 * - Writes to a case, its documents and its consultations: admin and registrator anywhere, a
 *   handläggare in their own unit's cases and where they are the officer, others 403 (404 where
 *   they cannot see the record).
 * - A body's answer: its own unit's remissinstans, or the staff who may write to the case.
 * - Engagements and visit requests: admin anywhere, handläggare and kontaktperson in their own unit.
 *
 * An allowed write must succeed; a refused one must change nothing.
 */

/** A concrete request for one made record. */
interface Req {
  path: string;
  form?: Record<string, string>;
  json?: unknown;
  /** A multipart page form (a file input); `file: null` is the empty file part a browser sends. */
  upload?: { fields: Record<string, string>; file: FilePart | null };
}

/** What one role gets on one subject. */
type Spec = (who: Who, subject: Subject) => Expected;

interface Entry {
  /** The record the route acts on; documents read on the "other" subject are drafts. */
  kind: Kind | ((subject: Subject) => Kind);
  request: (made: Made, subject: Subject) => Req;
  expect: Spec;
  /** Anonymous: the login page (a page) or 401 (the API); public pages leave it out and answer as `expect` says. */
  anonymous?: Expected;
  /** The subjects tried: those of cases (with the officer's case) unless the record is no case's. */
  subjects?: readonly Subject[];
  /** What a refused request must leave as it was. */
  unchanged?: (made: Made) => Promise<unknown>;
}

/** A route with a record id that the unit dimension leaves out, with the reason. */
interface Exempt {
  exempt: string;
}

let t: TestApp;
let fixtures: UnitFixtures;

// ---- the specification --------------------------------------------------------------------

/** Registry staff, or a handläggare of the record's own unit or who is the case's officer. */
const insider = (who: Who, s: Subject) =>
  who === "admin" || who === "registrator" || (who === "handlaggare" && (s === "own" || s === "officer"));
/** Everyone signed in. */
const read =
  (ok: Expected): Spec =>
  () =>
    ok;
/** A document read: the "other" subject is a draft, invisible (404) to all but its insiders. */
const docRead =
  (ok: Expected): Spec =>
  (who, s) =>
    s !== "other" || insider(who, s) ? ok : 404;
/** A file's bytes: a draft's and a secret document's are not there (404) for outsiders. */
const fileRead =
  (ok: Expected): Spec =>
  (who, s) =>
    s === "other" || isSecret(s) ? (insider(who, s) ? ok : 404) : ok;
/** A write to a case, its documents or its consultations: insiders, others 403. */
const caseWrite =
  (ok: Expected): Spec =>
  (who, s) =>
    insider(who, s) ? ok : 403;
/** A write to a draft: insiders; nobody else even sees the draft (404). */
const draftWrite =
  (ok: Expected): Spec =>
  (who, s) =>
    insider(who, s) ? ok : 404;
/** E-archive delivery: admin and registrator, whatever the unit. */
const archivists =
  (ok: Expected): Spec =>
  (who) =>
    who === "admin" || who === "registrator" ? ok : 403;
/** A body's answer: the case's insiders, or the remissinstans of the body's own unit. */
const answerer =
  (ok: Expected): Spec =>
  (who, s) =>
    insider(who, s) || (who === "remissinstans" && s === "own") ? ok : 403;
/** Engagements: admin anywhere, handläggare and kontaktperson in their own unit. */
const unitWork =
  (ok: Expected): Spec =>
  (who, s) =>
    who === "admin" || ((who === "handlaggare" || who === "kontaktperson") && s === "own") ? ok : 403;
/**
 * Visit requests: admin and every handläggare (domain.md §1: case officers assess visit requests;
 * SLK advises every unit on them, §6), a kontaktperson only for requests routed to their own unit.
 */
const visitHandlers =
  (ok: Expected): Spec =>
  (who, s) =>
    who === "admin" || who === "handlaggare" || (who === "kontaktperson" && s === "own") ? ok : 403;
/**
 * Deciding a visit request registers its letter in the case the form names (here the record's
 * own case): a handläggare may decide any unit's request, but writes the letter only into a case
 * of their own unit, so naming another unit's case is a form error on that field (422).
 */
const visitDeciders =
  (ok: Expected): Spec =>
  (who, s) =>
    who === "handlaggare" && s !== "own" ? 422 : visitHandlers(ok)(who, s);
/**
 * An invitation letter goes into the visit's engagement case (here the record's own case): those
 * who handle the request and may write there — admin anywhere, a handläggare or kontaktperson of
 * the record's unit; a handläggare of another unit may handle the request but not write in that
 * case (403: the case is not one the form names).
 */
const invitationWriters = (ok: Expected): Spec => unitWork(ok);
/** Recording a decision body's decision: decision makers and admins, whatever the unit. */
const deciders =
  (ok: Expected): Spec =>
  (who) =>
    who === "admin" || who === "beslutsfattare" ? ok : 403;
/** A review changes the engagement: admin anywhere, a handläggare in their own unit. */
const reviewers =
  (ok: Expected): Spec =>
  (who, s) =>
    who === "admin" || (who === "handlaggare" && s === "own") ? ok : 403;
/**
 * A unit's yearly plan: registry staff anywhere (a handläggare in their own unit), a kontaktperson
 * in their own. The demo handläggare's unit, a department of the city office, keeps no plan of
 * its own: the form refuses that unit (422).
 */
const planners =
  (ok: Expected): Spec =>
  (who, s) =>
    who === "handlaggare" && s === "own"
      ? 422
      : insider(who, s) || (who === "kontaktperson" && s === "own")
        ? ok
        : 403;
/** The public register: the same for everyone, anonymous too; a draft is no public record. */
const publicDoc =
  (ok: Expected): Spec =>
  (_who, s) =>
    s === "other" ? 404 : ok;

const PAGE = "login" as const;
const API = 401;

// ---- snapshots of what a refused write must leave unchanged ---------------------------------

const caseRow = (m: Made) =>
  t.ctx.db.selectFrom("cases").selectAll().where("id", "=", m.caseId).executeTakeFirstOrThrow();
const caseDocuments = (m: Made) =>
  t.ctx.db
    .selectFrom("documents")
    .select(["id", "status"])
    .where("case_id", "=", m.caseId)
    .orderBy("id")
    .execute();
const caseParties = (m: Made) =>
  t.ctx.db
    .selectFrom("case_parties")
    .select(["id", "name"])
    .where("case_id", "=", m.caseId)
    .orderBy("id")
    .execute();
const documentRow = (id: string) =>
  t.ctx.db.selectFrom("documents").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const consultationState = async (m: Made) => ({
  consultation: await t.ctx.db
    .selectFrom("consultations")
    .selectAll()
    .where("id", "=", m.consultationId)
    .executeTakeFirstOrThrow(),
  recipients: await t.ctx.db
    .selectFrom("consultation_recipients")
    .selectAll()
    .where("consultation_id", "=", m.consultationId)
    .execute(),
  documents: await caseDocuments(m),
});
const visitRow = (m: Made) =>
  t.ctx.db.selectFrom("visit_requests").selectAll().where("id", "=", m.visitId).executeTakeFirstOrThrow();

// ---- the matrix ---------------------------------------------------------------------------

const documentOf = (m: Made, s: Subject) => (s === "other" ? m.draftId : m.documentId);
const readDocument = (s: Subject): Kind => (s === "other" ? "draft" : "case");
const newDocument = () => ({
  direction: "incoming",
  date: daysAhead(t, 0),
  party: "Lokalbolaget AB",
  description: "Skrivelse om nya lokaler",
});
const caseEdit = (m: Made) => ({
  title: "Ändrad rubrik om lokaler",
  classId: fixtures.classId,
  unitId: m.unitId,
  officerId: m.officerId ?? "",
});
const decline = (m: Made) => ({
  outcome: "decline",
  outcomeNote: "Vi tar gärna emot besöket ett annat år.",
  caseDiaryNumber: m.diaryNumber,
});
const planForm = (m: Made) => ({
  unitId: m.unitId,
  plannedWork: "Två studiebesök om bibliotek.",
  budget: "20000",
});
const PLAN_YEAR = 2031;

const UNITS: Record<string, Entry | Exempt> = {
  // Cases.
  "GET /arenden/:id": {
    kind: "case",
    request: (m) => ({ path: `/arenden/${m.caseId}` }),
    expect: read(200),
    anonymous: PAGE,
  },
  // A case's decision chain: read like the case, the title as the reader may see it (issue 19).
  "GET /arenden/:id/beslut": {
    kind: "case",
    request: (m) => ({ path: `/arenden/${m.caseId}/beslut` }),
    expect: read(200),
    anonymous: PAGE,
  },
  "GET /arenden/:id/andra": {
    kind: "case",
    request: (m) => ({ path: `/arenden/${m.caseId}/andra` }),
    expect: caseWrite(200),
    anonymous: PAGE,
  },
  "POST /arenden/:id/andra": {
    kind: "case",
    request: (m) => ({ path: `/arenden/${m.caseId}/andra`, form: caseEdit(m) }),
    expect: caseWrite(303),
    anonymous: PAGE,
    unchanged: caseRow,
  },
  "POST /arenden/:id/parter": {
    kind: "case",
    request: (m) => ({
      path: `/arenden/${m.caseId}/parter`,
      form: { name: "Alva Exempelsson", protectedIdentity: "on" },
    }),
    expect: caseWrite(303),
    anonymous: PAGE,
    unchanged: caseParties,
  },
  "POST /arenden/:id/avsluta": {
    kind: "case",
    request: (m) => ({ path: `/arenden/${m.caseId}/avsluta`, form: {} }),
    expect: caseWrite(303),
    anonymous: PAGE,
    unchanged: caseRow,
  },
  "POST /arenden/:id/ateroppna": {
    kind: "closed",
    request: (m) => ({ path: `/arenden/${m.caseId}/ateroppna`, form: {} }),
    expect: caseWrite(303),
    anonymous: PAGE,
    unchanged: caseRow,
  },
  // The cases are open: those who may export are told 409.
  "GET /arenden/:id/e-arkiv": {
    kind: "case",
    request: (m) => ({ path: `/arenden/${m.caseId}/e-arkiv` }),
    expect: archivists(409),
    anonymous: PAGE,
  },
  "GET /arenden/:id/handlingar/ny": {
    kind: "case",
    request: (m) => ({ path: `/arenden/${m.caseId}/handlingar/ny` }),
    expect: caseWrite(200),
    anonymous: PAGE,
  },
  "POST /arenden/:id/handlingar": {
    kind: "case",
    request: (m) => ({
      path: `/arenden/${m.caseId}/handlingar`,
      upload: { fields: newDocument(), file: null },
    }),
    expect: caseWrite(303),
    anonymous: PAGE,
    unchanged: caseDocuments,
  },
  "GET /arenden/:id/remisser/ny": {
    kind: "case",
    request: (m) => ({ path: `/arenden/${m.caseId}/remisser/ny` }),
    expect: caseWrite(200),
    anonymous: PAGE,
  },
  "POST /arenden/:id/remisser": {
    kind: "case",
    request: (m) => ({
      path: `/arenden/${m.caseId}/remisser`,
      form: {
        title: "Remiss om lokaler",
        deadline: daysAhead(t, 70, true),
        instructions: "Svara som Word-fil.",
        unitIds: m.unitId,
        officerId: fixtures.registratorId,
      },
    }),
    expect: caseWrite(303),
    anonymous: PAGE,
    unchanged: (m) =>
      t.ctx.db.selectFrom("consultations").select("id").where("case_id", "=", m.caseId).execute(),
  },
  "GET /api/v1/cases/:id": {
    kind: "case",
    request: (m) => ({ path: `/api/v1/cases/${m.caseId}` }),
    expect: read(200),
    anonymous: API,
  },
  "GET /api/v1/cases/:id/decisions": {
    kind: "case",
    request: (m) => ({ path: `/api/v1/cases/${m.caseId}/decisions` }),
    expect: read(200),
    anonymous: API,
  },
  "PATCH /api/v1/cases/:id": {
    kind: "case",
    request: (m) => ({ path: `/api/v1/cases/${m.caseId}`, json: { title: "Ändrad rubrik via API" } }),
    expect: caseWrite(200),
    anonymous: API,
    unchanged: caseRow,
  },
  "GET /arenden/:id/tjansteutlatanden": {
    kind: "case",
    request: (m) => ({ path: `/arenden/${m.caseId}/tjansteutlatanden` }),
    expect: caseWrite(200),
    anonymous: PAGE,
  },
  "GET /arenden/:id/tjansteutlatanden/ny": {
    kind: "case",
    request: (m) => ({ path: `/arenden/${m.caseId}/tjansteutlatanden/ny` }),
    expect: caseWrite(200),
    anonymous: PAGE,
  },
  "POST /arenden/:id/tjansteutlatanden": {
    kind: "case",
    request: (m) => ({ path: `/arenden/${m.caseId}/tjansteutlatanden`, form: {} }),
    expect: caseWrite(422),
    anonymous: PAGE,
  },
  "GET /api/v1/cases/:id/reports": {
    kind: "case",
    request: (m) => ({ path: `/api/v1/cases/${m.caseId}/reports` }),
    expect: caseWrite(200),
    anonymous: API,
  },
  "POST /api/v1/cases/:id/reports": {
    kind: "case",
    request: (m) => ({ path: `/api/v1/cases/${m.caseId}/reports`, json: {} }),
    expect: caseWrite(422),
    anonymous: API,
  },
  "POST /api/v1/cases/:id/close": {
    kind: "case",
    request: (m) => ({ path: `/api/v1/cases/${m.caseId}/close`, json: {} }),
    expect: caseWrite(200),
    anonymous: API,
    unchanged: caseRow,
  },
  "POST /api/v1/cases/:id/reopen": {
    kind: "closed",
    request: (m) => ({ path: `/api/v1/cases/${m.caseId}/reopen`, json: {} }),
    expect: caseWrite(200),
    anonymous: API,
    unchanged: caseRow,
  },
  "GET /api/v1/cases/:id/export/erms": {
    kind: "case",
    request: (m) => ({ path: `/api/v1/cases/${m.caseId}/export/erms` }),
    expect: archivists(409),
    anonymous: API,
  },
  "GET /api/v1/cases/:id/documents": {
    kind: "case",
    request: (m) => ({ path: `/api/v1/cases/${m.caseId}/documents` }),
    expect: read(200),
    anonymous: API,
  },
  "POST /api/v1/cases/:id/documents": {
    kind: "case",
    request: (m) => ({ path: `/api/v1/cases/${m.caseId}/documents`, json: newDocument() }),
    expect: caseWrite(201),
    anonymous: API,
    unchanged: caseDocuments,
  },
  // The public register, by diary number: the same public view for everyone.
  "GET /offentlig/arenden/:diaryNumber": {
    kind: "case",
    request: (m) => ({ path: `/offentlig/arenden/${encodeURIComponent(m.diaryNumber)}` }),
    expect: read(200),
  },
  "GET /api/v1/public/cases/:diaryNumber": {
    kind: "case",
    request: (m) => ({ path: `/api/v1/public/cases/${encodeURIComponent(m.diaryNumber)}` }),
    expect: read(200),
  },

  // Documents.
  "GET /handlingar/:id": {
    kind: readDocument,
    request: (m, s) => ({ path: `/handlingar/${documentOf(m, s)}` }),
    expect: docRead(200),
    anonymous: PAGE,
  },
  "GET /handlingar/:id/filer/:version": {
    kind: readDocument,
    request: (m, s) => ({ path: `/handlingar/${documentOf(m, s)}/filer/1` }),
    expect: fileRead(200),
    anonymous: PAGE,
  },
  "GET /api/v1/documents/:id": {
    kind: readDocument,
    request: (m, s) => ({ path: `/api/v1/documents/${documentOf(m, s)}` }),
    expect: docRead(200),
    anonymous: API,
  },
  "GET /api/v1/documents/:id/file": {
    kind: readDocument,
    request: (m, s) => ({ path: `/api/v1/documents/${documentOf(m, s)}/file` }),
    expect: fileRead(200),
    anonymous: API,
  },
  "POST /handlingar/:id/versioner": {
    kind: "draft",
    request: (m) => ({
      path: `/handlingar/${m.draftId}/versioner`,
      upload: { fields: {}, file: { fileName: "utkast-2.txt", bytes: Buffer.from("Andra versionen\n") } },
    }),
    expect: draftWrite(303),
    anonymous: PAGE,
    unchanged: (m) =>
      t.ctx.db.selectFrom("document_files").select("version").where("document_id", "=", m.draftId).execute(),
  },
  "POST /handlingar/:id/registrera": {
    kind: "draft",
    request: (m) => ({ path: `/handlingar/${m.draftId}/registrera`, form: {} }),
    expect: draftWrite(303),
    anonymous: PAGE,
    unchanged: (m) => documentRow(m.draftId),
  },
  "POST /handlingar/:id/avskriv": {
    kind: "case",
    request: (m) => ({ path: `/handlingar/${m.documentId}/avskriv`, form: { kind: "noted" } }),
    expect: caseWrite(303),
    anonymous: PAGE,
    unchanged: (m) => documentRow(m.documentId),
  },
  "POST /api/v1/documents/:id/sign-off": {
    kind: "case",
    request: (m) => ({ path: `/api/v1/documents/${m.documentId}/sign-off`, json: { kind: "noted" } }),
    expect: caseWrite(200),
    anonymous: API,
    unchanged: (m) => documentRow(m.documentId),
  },
  "GET /offentlig/handlingar/:id/begar-kopia": {
    kind: readDocument,
    request: (m, s) => ({ path: `/offentlig/handlingar/${documentOf(m, s)}/begar-kopia` }),
    expect: publicDoc(200),
  },
  "POST /offentlig/handlingar/:id/begar-kopia": {
    kind: readDocument,
    request: (m, s) => ({
      path: `/offentlig/handlingar/${documentOf(m, s)}/begar-kopia`,
      form: { name: "Nyfiken Medborgare", email: "nyfiken@example.se", delivery: "email" },
    }),
    expect: publicDoc(303),
  },

  // Consultations, owned by their case's unit; the body is the same unit.
  "GET /remisser/:id": {
    kind: "consultation-sent",
    request: (m) => ({ path: `/remisser/${m.consultationId}` }),
    expect: read(200),
    anonymous: PAGE,
  },
  "GET /remisser/:id/skicka": {
    kind: "consultation-draft",
    request: (m) => ({ path: `/remisser/${m.consultationId}/skicka` }),
    expect: caseWrite(200),
    anonymous: PAGE,
  },
  "POST /remisser/:id/skicka": {
    kind: "consultation-draft",
    request: (m) => ({ path: `/remisser/${m.consultationId}/skicka`, form: {} }),
    expect: caseWrite(303),
    anonymous: PAGE,
    unchanged: consultationState,
  },
  "GET /remisser/:id/andra": {
    kind: "consultation-draft",
    request: (m) => ({ path: `/remisser/${m.consultationId}/andra` }),
    expect: caseWrite(200),
    anonymous: PAGE,
  },
  "POST /remisser/:id/andra": {
    kind: "consultation-draft",
    // An empty form: those who run the case are told what is missing, nobody else gets that far.
    request: (m) => ({ path: `/remisser/${m.consultationId}/andra`, form: {} }),
    expect: caseWrite(422),
    anonymous: PAGE,
    unchanged: consultationState,
  },
  "GET /remisser/:id/kassera": {
    kind: "consultation-draft",
    request: (m) => ({ path: `/remisser/${m.consultationId}/kassera` }),
    expect: caseWrite(200),
    anonymous: PAGE,
  },
  "POST /remisser/:id/kassera": {
    kind: "consultation-draft",
    request: (m) => ({ path: `/remisser/${m.consultationId}/kassera`, form: {} }),
    expect: caseWrite(303),
    anonymous: PAGE,
    unchanged: consultationState,
  },
  "GET /remisser/:id/remissmote": {
    kind: "consultation-sent",
    request: (m) => ({ path: `/remisser/${m.consultationId}/remissmote` }),
    expect: caseWrite(200),
    anonymous: PAGE,
  },
  "POST /remisser/:id/remissmote": {
    kind: "consultation-sent",
    // An empty form: those who run the case are told what is missing, nobody else gets that far.
    request: (m) => ({ path: `/remisser/${m.consultationId}/remissmote`, form: {} }),
    expect: caseWrite(422),
    anonymous: PAGE,
    unchanged: consultationState,
  },
  "GET /remisser/:id/missiv": {
    kind: "consultation-sent",
    request: (m) => ({ path: `/remisser/${m.consultationId}/missiv` }),
    expect: read(200),
    anonymous: PAGE,
  },
  "GET /remisser/:id/missiv.docx": {
    kind: "consultation-sent",
    request: (m) => ({ path: `/remisser/${m.consultationId}/missiv.docx` }),
    expect: read(200),
    anonymous: PAGE,
  },
  "GET /remisser/:id/remitteringsmapp": {
    kind: "consultation-sent",
    request: (m) => ({ path: `/remisser/${m.consultationId}/remitteringsmapp` }),
    expect: read(200),
    anonymous: PAGE,
  },
  "GET /remisser/:id/remitteringsmapp.docx": {
    kind: "consultation-sent",
    request: (m) => ({ path: `/remisser/${m.consultationId}/remitteringsmapp.docx` }),
    expect: read(200),
    anonymous: PAGE,
  },
  "GET /remisser/:id/sista-svarsdag.ics": {
    kind: "consultation-sent",
    request: (m) => ({ path: `/remisser/${m.consultationId}/sista-svarsdag.ics` }),
    expect: read(200),
    anonymous: PAGE,
  },
  "POST /remisser/:id/avsluta": {
    kind: "consultation-sent",
    request: (m) => ({ path: `/remisser/${m.consultationId}/avsluta`, form: { confirm: "yes" } }),
    expect: caseWrite(303),
    anonymous: PAGE,
    unchanged: consultationState,
  },
  "GET /remisser/:id/mottagare/:rid": {
    kind: "consultation-sent",
    request: (m) => ({ path: `/remisser/${m.consultationId}/mottagare/${m.recipientId}` }),
    expect: caseWrite(200),
    anonymous: PAGE,
  },
  "POST /remisser/:id/mottagare/:rid/anstand": {
    kind: "consultation-extension",
    request: (m) => ({
      path: `/remisser/${m.consultationId}/mottagare/${m.recipientId}/anstand`,
      form: { decision: "refuse", comment: "Svaret behövs till nämndens möte." },
    }),
    expect: caseWrite(303),
    anonymous: PAGE,
    unchanged: consultationState,
  },
  "POST /remisser/:id/mottagare/:rid/bedomning": {
    kind: "consultation-answered",
    request: (m) => ({
      path: `/remisser/${m.consultationId}/mottagare/${m.recipientId}/bedomning`,
      form: { position: "supports", summary: "Positiv till förslaget." },
    }),
    expect: caseWrite(303),
    anonymous: PAGE,
    unchanged: consultationState,
  },
  "POST /remisser/:id/mottagare/:rid/paminn": {
    kind: "consultation-sent",
    request: (m) => ({ path: `/remisser/${m.consultationId}/mottagare/${m.recipientId}/paminn`, form: {} }),
    expect: caseWrite(303),
    anonymous: PAGE,
    unchanged: consultationState,
  },
  "GET /remisser/:id/sammanstallning": {
    kind: "consultation-answered",
    request: (m) => ({ path: `/remisser/${m.consultationId}/sammanstallning` }),
    expect: caseWrite(200),
    anonymous: PAGE,
  },
  "GET /remisser/:id/sammanstallning.docx": {
    kind: "consultation-answered",
    request: (m) => ({ path: `/remisser/${m.consultationId}/sammanstallning.docx` }),
    expect: caseWrite(200),
    anonymous: PAGE,
  },
  "POST /remisser/:id/sammanstallning": {
    kind: "consultation-answered",
    request: (m) => ({ path: `/remisser/${m.consultationId}/sammanstallning`, form: {} }),
    expect: caseWrite(303),
    anonymous: PAGE,
    unchanged: consultationState,
  },
  // The published consultation: public, anonymous too.
  "GET /offentlig/remisser/:id": {
    kind: "consultation-closed",
    request: (m) => ({ path: `/offentlig/remisser/${m.consultationId}` }),
    expect: read(200),
  },
  // A body's own answer page, signed in.
  "GET /remissvar/:rid": {
    kind: "consultation-sent",
    request: (m) => ({ path: `/remissvar/${m.recipientId}` }),
    expect: answerer(200),
    anonymous: PAGE,
  },
  "GET /remissvar/:rid/material/:documentId": {
    kind: "consultation-sent",
    request: (m) => ({ path: `/remissvar/${m.recipientId}/material/${m.materialId}` }),
    expect: answerer(200),
    anonymous: PAGE,
  },
  "POST /remissvar/:rid/svar": {
    kind: "consultation-sent",
    request: (m) => ({
      path: `/remissvar/${m.recipientId}/svar`,
      upload: { fields: { text: "Nämnden tillstyrker förslaget." }, file: null },
    }),
    expect: answerer(303),
    anonymous: PAGE,
    unchanged: consultationState,
  },
  "POST /remissvar/:rid/anstand": {
    kind: "consultation-sent",
    request: (m) => ({
      path: `/remissvar/${m.recipientId}/anstand`,
      form: { until: daysAhead(t, 100, true), reason: "Nämnden sammanträder senare." },
    }),
    expect: answerer(303),
    anonymous: PAGE,
    unchanged: consultationState,
  },
  "POST /remissvar/:rid/avstar": {
    kind: "consultation-sent",
    request: (m) => ({
      path: `/remissvar/${m.recipientId}/avstar`,
      form: { comment: "Frågan berör inte oss." },
    }),
    expect: answerer(303),
    anonymous: PAGE,
    unchanged: consultationState,
  },
  "GET /api/v1/consultations/:id": {
    kind: "consultation-sent",
    request: (m) => ({ path: `/api/v1/consultations/${m.consultationId}` }),
    expect: read(200),
    anonymous: API,
  },
  "POST /api/v1/consultations/:id/send": {
    kind: "consultation-draft",
    request: (m) => ({ path: `/api/v1/consultations/${m.consultationId}/send`, json: {} }),
    expect: caseWrite(200),
    anonymous: API,
    unchanged: consultationState,
  },
  "POST /api/v1/consultations/:id/close": {
    kind: "consultation-sent",
    request: (m) => ({ path: `/api/v1/consultations/${m.consultationId}/close`, json: { early: true } }),
    expect: caseWrite(200),
    anonymous: API,
    unchanged: consultationState,
  },
  "POST /api/v1/consultations/:id/compilation": {
    kind: "consultation-answered",
    request: (m) => ({ path: `/api/v1/consultations/${m.consultationId}/compilation`, json: {} }),
    expect: caseWrite(201),
    anonymous: API,
    unchanged: consultationState,
  },
  "GET /api/v1/consultations/:id/compilation.docx": {
    kind: "consultation-answered",
    request: (m) => ({ path: `/api/v1/consultations/${m.consultationId}/compilation.docx` }),
    expect: caseWrite(200),
    anonymous: API,
  },
  "POST /api/v1/consultations/:id/recipients/:rid/answer": {
    kind: "consultation-sent",
    request: (m) => ({
      path: `/api/v1/consultations/${m.consultationId}/recipients/${m.recipientId}/answer`,
      json: { text: "Nämnden tillstyrker förslaget." },
    }),
    expect: answerer(201),
    anonymous: API,
    unchanged: consultationState,
  },
  "POST /api/v1/consultations/:id/recipients/:rid/extension": {
    kind: "consultation-sent",
    request: (m) => ({
      path: `/api/v1/consultations/${m.consultationId}/recipients/${m.recipientId}/extension`,
      json: { until: daysAhead(t, 100, true), reason: "Nämnden sammanträder senare." },
    }),
    expect: answerer(200),
    anonymous: API,
    unchanged: consultationState,
  },
  "POST /api/v1/consultations/:id/recipients/:rid/decline": {
    kind: "consultation-sent",
    request: (m) => ({
      path: `/api/v1/consultations/${m.consultationId}/recipients/${m.recipientId}/decline`,
      json: { comment: "Frågan berör inte oss." },
    }),
    expect: answerer(200),
    anonymous: API,
    unchanged: consultationState,
  },
  "POST /api/v1/consultations/:id/recipients/:rid/extension/decision": {
    kind: "consultation-extension",
    request: (m) => ({
      path: `/api/v1/consultations/${m.consultationId}/recipients/${m.recipientId}/extension/decision`,
      json: { decision: "refuse", comment: "Svaret behövs till nämndens möte." },
    }),
    expect: caseWrite(200),
    anonymous: API,
    unchanged: consultationState,
  },
  "POST /api/v1/consultations/:id/recipients/:rid/remind": {
    kind: "consultation-sent",
    request: (m) => ({
      path: `/api/v1/consultations/${m.consultationId}/recipients/${m.recipientId}/remind`,
      json: {},
    }),
    expect: caseWrite(200),
    anonymous: API,
    unchanged: consultationState,
  },
  "POST /api/v1/consultations/:id/recipients/:rid/assessment": {
    kind: "consultation-answered",
    request: (m) => ({
      path: `/api/v1/consultations/${m.consultationId}/recipients/${m.recipientId}/assessment`,
      json: { position: "supports", summary: "Positiv till förslaget." },
    }),
    expect: caseWrite(200),
    anonymous: API,
    unchanged: consultationState,
  },

  // Engagements, by their unit; linked to the subject's case (the secret one for "secret").
  "GET /engagemang/:id": {
    subjects: SUBJECTS,
    kind: "engagement",
    request: (m) => ({ path: `/engagemang/${m.engagementId}` }),
    expect: read(200),
    anonymous: PAGE,
  },
  "GET /engagemang/:id/andra": {
    subjects: SUBJECTS,
    kind: "engagement",
    request: (m) => ({ path: `/engagemang/${m.engagementId}/andra` }),
    expect: unitWork(200),
    anonymous: PAGE,
  },
  "POST /engagemang/:id": {
    subjects: SUBJECTS,
    kind: "engagement",
    request: (m) => ({
      path: `/engagemang/${m.engagementId}`,
      form: { ...engagementForm(m), directions: "samverkan", purpose: "Ändrat syfte." },
    }),
    expect: unitWork(303),
    anonymous: PAGE,
    unchanged: (m) =>
      t.ctx.db
        .selectFrom("engagements")
        .selectAll()
        .where("id", "=", m.engagementId)
        .executeTakeFirstOrThrow(),
  },
  "GET /engagemang/:id/beslut": {
    subjects: SUBJECTS,
    kind: "engagement",
    request: (m) => ({ path: `/engagemang/${m.engagementId}/beslut` }),
    expect: deciders(200),
    anonymous: PAGE,
  },
  "POST /engagemang/:id/beslut": {
    subjects: SUBJECTS,
    kind: "engagement",
    request: (m) => ({
      path: `/engagemang/${m.engagementId}/beslut`,
      form: { decidedOn: daysAhead(t, 0), minutesParagraph: "§ 4", outcome: "approved" },
    }),
    expect: deciders(303),
    anonymous: PAGE,
  },
  "GET /api/v1/engagements/:id": {
    subjects: SUBJECTS,
    kind: "engagement",
    request: (m) => ({ path: `/api/v1/engagements/${m.engagementId}` }),
    expect: read(200),
    anonymous: API,
  },
  "PATCH /api/v1/engagements/:id": {
    subjects: SUBJECTS,
    kind: "engagement",
    request: (m) => ({
      path: `/api/v1/engagements/${m.engagementId}`,
      json: { purpose: "Ändrat syfte via API." },
    }),
    expect: unitWork(200),
    anonymous: API,
    unchanged: (m) =>
      t.ctx.db
        .selectFrom("engagements")
        .selectAll()
        .where("id", "=", m.engagementId)
        .executeTakeFirstOrThrow(),
  },
  "POST /api/v1/engagements/:id/decision": {
    subjects: SUBJECTS,
    kind: "engagement",
    request: (m) => ({
      path: `/api/v1/engagements/${m.engagementId}/decision`,
      json: { decidedOn: daysAhead(t, 0), minutesParagraph: "§ 4", outcome: "approved" },
    }),
    expect: deciders(201),
    anonymous: API,
  },
  "GET /api/v1/engagements/:id/reviews": {
    subjects: SUBJECTS,
    kind: "engagement",
    request: (m) => ({ path: `/api/v1/engagements/${m.engagementId}/reviews` }),
    expect: read(200),
    anonymous: API,
  },
  "POST /api/v1/engagements/:id/reviews": {
    subjects: SUBJECTS,
    kind: "engagement",
    request: (m) => ({
      path: `/api/v1/engagements/${m.engagementId}/reviews`,
      json: { reviewedOn: daysAhead(t, 0), outcome: "continue", note: "Nätverket ger oss mycket." },
    }),
    expect: reviewers(201),
    anonymous: API,
  },

  // Visit requests, by the unit they are routed to.
  "GET /engagemang/besok/:id": {
    subjects: SUBJECTS,
    kind: "visit",
    request: (m) => ({ path: `/engagemang/besok/${m.visitId}` }),
    expect: read(200),
    anonymous: PAGE,
  },
  "POST /engagemang/besok/:id/bedomning": {
    subjects: SUBJECTS,
    kind: "visit",
    request: (m) => ({
      path: `/engagemang/besok/${m.visitId}/bedomning`,
      form: { checklist: "mutualLearning", assessmentNote: "Vi lär oss av deras bibliotek." },
    }),
    expect: visitHandlers(303),
    anonymous: PAGE,
    unchanged: visitRow,
  },
  "POST /engagemang/besok/:id/beslut": {
    subjects: SUBJECTS,
    kind: "visit-assessed",
    request: (m) => ({ path: `/engagemang/besok/${m.visitId}/beslut`, form: decline(m) }),
    expect: visitDeciders(303),
    anonymous: PAGE,
    unchanged: visitRow,
  },
  "POST /engagemang/besok/:id/avskriv": {
    subjects: SUBJECTS,
    kind: "visit",
    request: (m) => ({ path: `/engagemang/besok/${m.visitId}/avskriv`, form: { reason: "Reklam." } }),
    expect: visitHandlers(303),
    anonymous: PAGE,
    unchanged: visitRow,
  },
  "POST /engagemang/besok/:id/arende": {
    subjects: SUBJECTS,
    kind: "visit",
    request: (m) => ({
      path: `/engagemang/besok/${m.visitId}/arende`,
      form: { caseDiaryNumber: m.diaryNumber },
    }),
    expect: visitDeciders(303),
    anonymous: PAGE,
    unchanged: visitRow,
  },
  "POST /engagemang/besok/:id/inbjudan": {
    subjects: SUBJECTS,
    kind: "visit-approved",
    request: (m) => ({
      path: `/engagemang/besok/${m.visitId}/inbjudan`,
      form: { participantNames: "Aino Keksitty" },
    }),
    expect: invitationWriters(303),
    anonymous: PAGE,
    unchanged: visitRow,
  },
  "POST /api/v1/visit-requests/:id/write-off": {
    subjects: SUBJECTS,
    kind: "visit",
    request: (m) => ({ path: `/api/v1/visit-requests/${m.visitId}/write-off`, json: { reason: "Reklam." } }),
    expect: visitHandlers(200),
    anonymous: API,
    unchanged: visitRow,
  },
  "POST /api/v1/visit-requests/:id/case": {
    subjects: SUBJECTS,
    kind: "visit",
    request: (m) => ({
      path: `/api/v1/visit-requests/${m.visitId}/case`,
      json: { caseDiaryNumber: m.diaryNumber },
    }),
    expect: visitDeciders(200),
    anonymous: API,
    unchanged: visitRow,
  },
  "POST /api/v1/visit-requests/:id/invitation-letter": {
    subjects: SUBJECTS,
    kind: "visit-approved",
    request: (m) => ({
      path: `/api/v1/visit-requests/${m.visitId}/invitation-letter`,
      json: { participantNames: ["Aino Keksitty"] },
    }),
    expect: invitationWriters(201),
    anonymous: API,
    unchanged: visitRow,
  },
  "GET /api/v1/visit-requests/:id": {
    subjects: SUBJECTS,
    kind: "visit",
    request: (m) => ({ path: `/api/v1/visit-requests/${m.visitId}` }),
    expect: read(200),
    anonymous: API,
  },
  "POST /api/v1/visit-requests/:id/assessment": {
    subjects: SUBJECTS,
    kind: "visit",
    request: (m) => ({
      path: `/api/v1/visit-requests/${m.visitId}/assessment`,
      json: { mutualLearning: true, assessmentNote: "Vi lär oss av deras bibliotek." },
    }),
    expect: visitHandlers(200),
    anonymous: API,
    unchanged: visitRow,
  },
  "POST /api/v1/visit-requests/:id/decision": {
    subjects: SUBJECTS,
    kind: "visit-assessed",
    request: (m) => ({ path: `/api/v1/visit-requests/${m.visitId}/decision`, json: decline(m) }),
    expect: visitDeciders(200),
    anonymous: API,
    unchanged: visitRow,
  },

  // A unit's yearly plan: the year is in the path, the unit in the form.
  "POST /engagemang/planer/:year": {
    subjects: SUBJECTS,
    kind: "case",
    request: (m) => ({ path: `/engagemang/planer/${PLAN_YEAR}`, form: planForm(m) }),
    expect: planners(303),
    anonymous: PAGE,
    unchanged: (m) => planOf(m),
  },
  "PUT /api/v1/plans/:year": {
    subjects: SUBJECTS,
    kind: "case",
    request: (m) => ({
      path: `/api/v1/plans/${PLAN_YEAR + 1}`,
      json: { unitId: m.unitId, plannedWork: "Två studiebesök om bibliotek.", budget: 20000 },
    }),
    expect: planners(200),
    anonymous: API,
    unchanged: (m) => planOf(m, PLAN_YEAR + 1),
  },

  // Routes with a parameter that names no record of a unit.
  "GET /static/*": { exempt: "static files" },
  "GET /tjansteutlatanden/:id": {
    exempt: "a report: its writers and signatories, test/officer-reports.test.ts",
  },
  "GET /tjansteutlatanden/:id/andra": { exempt: "a report: its writers, test/officer-reports.test.ts" },
  "POST /tjansteutlatanden/:id/andra": { exempt: "a report: its writers, test/officer-reports.test.ts" },
  "POST /tjansteutlatanden/:id/godkann": {
    exempt: "a report: its signatories, test/officer-reports.test.ts",
  },
  "GET /api/v1/reports/:id": {
    exempt: "a report: its writers and signatories, test/officer-reports.test.ts",
  },
  "PUT /api/v1/reports/:id": { exempt: "a report: its writers, test/officer-reports.test.ts" },
  "POST /api/v1/reports/:id/approve": { exempt: "a report: its signatories, test/officer-reports.test.ts" },
  "POST /admin/sekretessgrunder/:id/avveckla": { exempt: "the city's list of secrecy grounds, admin only" },
  "POST /admin/sekretessgrunder/:id/ta-i-bruk": { exempt: "the city's list of secrecy grounds, admin only" },
  "POST /api/v1/secrecy-grounds/:id/retire": { exempt: "the city's list of secrecy grounds, admin only" },
  "POST /api/v1/secrecy-grounds/:id/reinstate": { exempt: "the city's list of secrecy grounds, admin only" },
  "GET /admin/klassificering/:id": { exempt: "the city's classification scheme, admin only" },
  "POST /admin/klassificering/:id": { exempt: "the city's classification scheme, admin only" },
  "POST /admin/klassificering/:id/avveckla": { exempt: "the city's classification scheme, admin only" },
  "POST /admin/klassificering/:id/ta-i-bruk": { exempt: "the city's classification scheme, admin only" },
  "GET /api/v1/classes/:id": { exempt: "the city's classification scheme, admin only" },
  "PATCH /api/v1/classes/:id": { exempt: "the city's classification scheme, admin only" },
  "POST /api/v1/classes/:id/retire": { exempt: "the city's classification scheme, admin only" },
  "POST /api/v1/classes/:id/reinstate": { exempt: "the city's classification scheme, admin only" },
  "POST /konto/nycklar/:id/aterkalla": {
    exempt: "a user's own API key (owner or admin), not a unit's record",
  },
  "POST /admin/anvandare/:id/avsluta-sessioner": { exempt: "a user account, admin only" },
  "POST /admin/inloggning/:id/ta-bort": { exempt: "the provider's group-to-role mapping, admin only" },
  "GET /organisation/:id": { exempt: "the unit register itself, public to everyone signed in" },
  "GET /moten/:id": {
    exempt:
      "a decision body's meeting, agenda item or decision (KS, KF, a committee or board; issue 19) is the body's, not a unit's record: read by everyone signed in, written by registry staff only (meeting.manage, test/permissions.test.ts); a write into a case also checks document.create on it (test/meetings.test.ts)",
  },
  "POST /moten/:id/punkter": {
    exempt:
      "a decision body's meeting, agenda item or decision (KS, KF, a committee or board; issue 19) is the body's, not a unit's record: read by everyone signed in, written by registry staff only (meeting.manage, test/permissions.test.ts); a write into a case also checks document.create on it (test/meetings.test.ts)",
  },
  "POST /moten/:id/anslag": {
    exempt:
      "a decision body's meeting, agenda item or decision (KS, KF, a committee or board; issue 19) is the body's, not a unit's record: read by everyone signed in, written by registry staff only (meeting.manage, test/permissions.test.ts); a write into a case also checks document.create on it (test/meetings.test.ts)",
  },
  "GET /moten/:id/foredragningslista.docx": {
    exempt:
      "a decision body's meeting, agenda item or decision (KS, KF, a committee or board; issue 19) is the body's, not a unit's record: read by everyone signed in, written by registry staff only (meeting.manage, test/permissions.test.ts); a write into a case also checks document.create on it (test/meetings.test.ts)",
  },
  "GET /moten/punkter/:id/beslut": {
    exempt:
      "a decision body's meeting, agenda item or decision (KS, KF, a committee or board; issue 19) is the body's, not a unit's record: read by everyone signed in, written by registry staff only (meeting.manage, test/permissions.test.ts); a write into a case also checks document.create on it (test/meetings.test.ts)",
  },
  "POST /moten/punkter/:id/beslut": {
    exempt:
      "a decision body's meeting, agenda item or decision (KS, KF, a committee or board; issue 19) is the body's, not a unit's record: read by everyone signed in, written by registry staff only (meeting.manage, test/permissions.test.ts); a write into a case also checks document.create on it (test/meetings.test.ts)",
  },
  "GET /api/v1/meetings/:id": {
    exempt:
      "a decision body's meeting, agenda item or decision (KS, KF, a committee or board; issue 19) is the body's, not a unit's record: read by everyone signed in, written by registry staff only (meeting.manage, test/permissions.test.ts); a write into a case also checks document.create on it (test/meetings.test.ts)",
  },
  "POST /api/v1/meetings/:id/agenda-items": {
    exempt:
      "a decision body's meeting, agenda item or decision (KS, KF, a committee or board; issue 19) is the body's, not a unit's record: read by everyone signed in, written by registry staff only (meeting.manage, test/permissions.test.ts); a write into a case also checks document.create on it (test/meetings.test.ts)",
  },
  "POST /api/v1/meetings/:id/posting": {
    exempt:
      "a decision body's meeting, agenda item or decision (KS, KF, a committee or board; issue 19) is the body's, not a unit's record: read by everyone signed in, written by registry staff only (meeting.manage, test/permissions.test.ts); a write into a case also checks document.create on it (test/meetings.test.ts)",
  },
  "POST /api/v1/agenda-items/:id/decision": {
    exempt:
      "a decision body's meeting, agenda item or decision (KS, KF, a committee or board; issue 19) is the body's, not a unit's record: read by everyone signed in, written by registry staff only (meeting.manage, test/permissions.test.ts); a write into a case also checks document.create on it (test/meetings.test.ts)",
  },
  "GET /organisation/:id/andra": { exempt: "the unit register itself, admin only" },
  "POST /organisation/:id/andra": { exempt: "the unit register itself, admin only" },
  "GET /api/v1/units/:id": { exempt: "the unit register itself, public to everyone signed in" },
  "PUT /api/v1/units/:id": { exempt: "the unit register itself, admin only" },
  "POST /admin/diarier/:id": { exempt: "a registry's settings, admin only" },
  "GET /svar/:secret": { exempt: "a body's personal answer link: the link is the credential" },
  "GET /svar/:secret/material/:documentId": {
    exempt: "a body's personal answer link: the link is the credential",
  },
  "POST /svar/:secret/svar": { exempt: "a body's personal answer link: the link is the credential" },
  "POST /svar/:secret/anstand": { exempt: "a body's personal answer link: the link is the credential" },
  "POST /svar/:secret/avstar": { exempt: "a body's personal answer link: the link is the credential" },
  "GET /offentlig/begaran/:id": { exempt: "the receipt of a copy request, by its unguessable id, public" },
  "GET /offentlig/besok/mottagen/:id": {
    exempt: "the receipt of a visit request, by its unguessable id, public",
  },
  "GET /begaranden/:id": {
    exempt: "copy requests are handled by the registry desk (registry staff), not by a unit",
  },
  "POST /begaranden/:id/beslut": {
    exempt: "copy requests are handled by the registry desk (registry staff), not by a unit",
  },
  "GET /api/v1/copy-requests/:id": {
    exempt: "copy requests are handled by the registry desk (registry staff), not by a unit",
  },
  "POST /api/v1/copy-requests/:id/decision": {
    exempt: "copy requests are handled by the registry desk (registry staff), not by a unit",
  },
  "GET /post/:id": { exempt: "the received-mail queue is the registry desk's (registrators), not a unit's" },
  "GET /post/:id/eml": {
    exempt: "the received-mail queue is the registry desk's (registrators), not a unit's",
  },
  "GET /post/:id/bilagor/:n": {
    exempt: "the received-mail queue is the registry desk's (registrators), not a unit's",
  },
  "POST /post/:id/svar": {
    exempt: "the received-mail queue is the registry desk's (registrators), not a unit's",
  },
  "POST /post/:id/handling": {
    exempt: "the received-mail queue is the registry desk's (registrators), not a unit's",
  },
  "POST /post/:id/inte-allman": {
    exempt: "the received-mail queue is the registry desk's (registrators), not a unit's",
  },
  "POST /api/v1/mail-intake/:id/file": {
    exempt: "the received-mail queue is the registry desk's (registrators), not a unit's",
  },
  "GET /import/:id": { exempt: "an import belongs to the registry's intake, no unit yet (registry staff)" },
  "POST /import/:id": { exempt: "an import belongs to the registry's intake, no unit yet (registry staff)" },
  "GET /import/:id/fil": {
    exempt: "an import belongs to the registry's intake, no unit yet (registry staff)",
  },
  "GET /import/:id/sida-1.png": {
    exempt: "an import belongs to the registry's intake, no unit yet (registry staff)",
  },
  "GET /import/:id/kassera": {
    exempt: "an import belongs to the registry's intake, no unit yet (registry staff)",
  },
  "POST /import/:id/kassera": {
    exempt: "an import belongs to the registry's intake, no unit yet (registry staff)",
  },
  "GET /api/v1/imports/:id": {
    exempt: "an import belongs to the registry's intake, no unit yet (registry staff)",
  },
  "POST /api/v1/imports/:id/confirm": {
    exempt: "an import belongs to the registry's intake, no unit yet (registry staff)",
  },
  "POST /api/v1/imports/:id/discard": {
    exempt: "an import belongs to the registry's intake, no unit yet (registry staff)",
  },
  "GET /engagemang/planer/:year": { exempt: "a year's plans of all units, read by everyone signed in" },
  "GET /api/v1/plans/:year": { exempt: "a year's plans of all units, read by everyone signed in" },
  "GET /engagemang/arsrapport/:year": { exempt: "a year's report over all units" },
  "GET /engagemang/arsrapport/:year/arsrapport.docx": { exempt: "a year's report over all units" },
  "GET /engagemang/arsrapport/:year/arsrapport.xlsx": { exempt: "a year's report over all units" },
  "GET /api/v1/reports/engagements/:year": { exempt: "a year's report over all units" },
};

const planOf = (m: Made, year = PLAN_YEAR) =>
  t.ctx.db
    .selectFrom("engagement_plans")
    .selectAll()
    .where("unit_id", "=", m.unitId)
    .where("year", "=", year)
    .executeTakeFirst();

/** The edit form of an engagement as the admin's page fills it in: every field as stored. */
const engagementForms = new Map<string, Record<string, string>>();
const engagementForm = (m: Made) => engagementForms.get(m.engagementId) ?? {};

// ---- running it ---------------------------------------------------------------------------

const browsers = new Map<Who, TestClient>();
const tokens = new Map<Who, string>();

beforeAll(async () => {
  t = await buildTestApp();
  fixtures = new UnitFixtures(t);
  await fixtures.setUp();
  for (const who of EVERYONE) {
    const browser = new TestClient(t.app);
    if (who === "anonymous") await browser.get("/logga-in");
    else expect((await browser.login(who)).statusCode).toBe(303);
    browsers.set(who, browser);
    if (who === "anonymous") continue;
    const user = await findUserByUsername(t.ctx.db, t.config.tenantId, who);
    if (!user) throw new Error(`no demo user ${who}`);
    tokens.set(who, (await createToken(t.ctx, "system", user, { name: "matrix" })).token);
  }
});
afterAll(async () => {
  await t?.close();
});

function send(who: Who, method: string, r: Req): Promise<LightMyRequestResponse> {
  if (r.path.startsWith("/api/")) {
    const token = tokens.get(who);
    return t.app.inject({
      method: method as "GET",
      url: r.path,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(r.json !== undefined ? { payload: r.json as object } : {}),
    });
  }
  const browser = browsers.get(who) as TestClient;
  if (method === "GET") return browser.get(r.path);
  if (r.upload) return browser.upload(r.path, r.upload.fields, r.upload.file);
  return browser.post(r.path, r.form ?? {});
}

const TEXT = /^(text\/|application\/(json|problem\+json))/;
/** Whether a response shows what only the secret case's insiders (admin, registrator) may see. */
function leaks(res: LightMyRequestResponse): boolean {
  if (!TEXT.test(String(res.headers["content-type"] ?? ""))) return false;
  return [SECRET.title, SECRET.party, SECRET.description, SECRET.fileText].some((s) => res.body.includes(s));
}

const answerOf = (res: LightMyRequestResponse): Expected =>
  res.statusCode === 303 && String(res.headers.location).startsWith("/logga-in?next=")
    ? "login"
    : res.statusCode;

/** Fills in the engagement edit form from the admin's edit page (what the page would post back). */
async function learnEngagementForm(m: Made): Promise<void> {
  if (engagementForms.has(m.engagementId)) return;
  const page = await (browsers.get("admin") as TestClient).get(`/engagemang/${m.engagementId}/andra`);
  engagementForms.set(m.engagementId, formValues(page.body));
}

/** The named inputs, checked boxes, chosen options and text areas of a page's main form. */
function formValues(html: string): Record<string, string> {
  const form = /<form[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? "";
  const values: Record<string, string> = {};
  for (const [input] of form.matchAll(/<input[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(input)?.[1];
    const type = /type="([^"]+)"/.exec(input)?.[1] ?? "text";
    if (!name || name === "_csrf" || ((type === "checkbox" || type === "radio") && !/\schecked/.test(input)))
      continue;
    values[name] = htmlText(/value="([^"]*)"/.exec(input)?.[1] ?? "on");
  }
  for (const [, name, body] of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const chosen = /<option[^>]*value="([^"]*)"[^>]*selected/.exec(body ?? "")?.[1];
    if (name && chosen !== undefined) values[name] = htmlText(chosen);
  }
  for (const [, name, body] of form.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g))
    if (name) values[name] = htmlText(body ?? "");
  return values;
}
const htmlText = (s: string) =>
  s
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");

const isEntry = (e: Entry | Exempt): e is Entry => "kind" in e;
const entries = Object.entries(UNITS).filter((pair): pair is [string, Entry] => isEntry(pair[1]));

describe("permission matrix: units and secrecy", () => {
  it("covers every route whose path takes a parameter", () => {
    const parameterised = appRoutes(t.app).filter((r) => routeParams(r).length > 0);
    expect(coverage(parameterised, Object.keys(UNITS))).toEqual({ missing: [], unknown: [] });
  });

  for (const [route, entry] of entries) {
    const method = route.split(" ")[0] as string;
    const writes = method !== "GET";
    it(`${route} answers each role on each subject as the rules say`, async () => {
      const wrong: string[] = [];
      const subjects = entry.subjects ?? CASE_SUBJECTS;
      const kindOf = (s: Subject) => (typeof entry.kind === "function" ? entry.kind(s) : entry.kind);
      // Every record the route needs is made up front, side by side where the database can.
      await Promise.all(EVERYONE.flatMap((who) => subjects.map((s) => fixtures.get(kindOf(s), who, s))));
      for (const who of EVERYONE) {
        for (const s of subjects) {
          const kind = kindOf(s);
          const made = await fixtures.get(kind, who, s);
          if (kind === "engagement") await learnEngagementForm(made);
          const expected =
            who === "anonymous" && entry.anonymous !== undefined ? entry.anonymous : entry.expect(who, s);
          const before = entry.unchanged ? JSON.stringify(await entry.unchanged(made)) : "";
          const res = await send(who, method, entry.request(made, s));
          const answer = answerOf(res);
          const notes: string[] = [];
          if (isSecret(s) && !insider(who, s) && leaks(res)) notes.push("shows secret");
          const refused = typeof answer !== "number" || answer >= 400;
          if (refused && entry.unchanged && JSON.stringify(await entry.unchanged(made)) !== before)
            notes.push("changed");
          // The next role gets a fresh record once this one may have changed it.
          if (writes && (!refused || notes.includes("changed"))) fixtures.spoil(kind, who, s);
          const got = [String(answer), ...notes].join(" ");
          if (got !== String(expected)) wrong.push(`${who}/${s}: wants ${expected}, got ${got}`);
        }
      }
      // One line per role and subject that does not answer as the rules say.
      expect(wrong, `${route}\n  ${wrong.join("\n  ")}\n`).toEqual([]);
    });
  }
});
