import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { EVERYONE, type Expected, forAll, only, type Who } from "./helpers/roles.ts";
import { appRoutes, coverage } from "./helpers/routes.ts";

interface Case {
  /** The concrete request: path with its parameters filled in, and a form or JSON body. */
  path: string;
  form?: Record<string, string>;
  json?: unknown;
  expect: Record<Who, Expected>;
}

const UNKNOWN = crypto.randomUUID();
const admin = (ok: Expected, denied: Expected = 403, anon: Expected = "login") =>
  only(["admin"], ok, denied, anon);
const signedIn = (ok: Expected, anon: Expected = "login") => only("signed-in", ok, ok, anon);
/** Those who deliver to the e-archive (case.export). */
const archivists = (ok: Expected, anon: Expected = "login") => only(["admin", "registrator"], ok, 403, anon);
const staff = (ok: Expected, anon: Expected = "login") =>
  only(["admin", "registrator", "handlaggare"], ok, 403, anon);
/** Those who register and change engagements (a contact person for their own unit). */
const engagementManagers = (ok: Expected, anon: Expected = "login") =>
  only(["admin", "handlaggare", "kontaktperson"], ok, 403, anon);
/** Those who record decisions on engagements. */
const deciders = (ok: Expected, anon: Expected = "login") => only(["admin", "beslutsfattare"], ok, 403, anon);
/** Those who handle visit requests (they become engagements). */
const visitHandlers = (ok: Expected, anon: Expected = "login") =>
  only(["admin", "handlaggare", "kontaktperson"], ok, 403, anon);
/** Those who record reviews (a review changes the engagement). */
const reviewers = (ok: Expected, anon: Expected = "login") => only(["admin", "handlaggare"], ok, 403, anon);
/** Those who keep a unit's yearly plan. */
const planners = (ok: Expected, anon: Expected = "login") =>
  only(["admin", "registrator", "handlaggare", "kontaktperson"], ok, 403, anon);
/** R6: disposal is the registry's and the archive's work. */
const disposal = (ok: Expected) => only(["admin", "registrator"], ok, 403, "login");
/** The registry's mailbox queue (issue 22): registrators and admins. */
const mailDesk = (ok: Expected, anon: Expected = "login") => only(["admin", "registrator"], ok, 403, anon);
/** Stands for the id of the demo's strategy case (KS 171-482/2016). */
const CASE = "{case}";
/** Stands for the id of a registered, public document of that case (its cover letter). */
const DOCUMENT = "{document}";

/**
 * Every route of the application and what each role gets. A route added without an
 * entry here fails the first test, so no route escapes the permission review.
 */
const MATRIX: Record<string, Case> = {
  "GET /": { path: "/", expect: forAll(200) },
  "GET /tillganglighet": { path: "/tillganglighet", expect: forAll(200) },
  "GET /static/*": { path: "/static/kansli.css", expect: forAll(200) },
  "GET /healthz": { path: "/healthz", expect: forAll(200) },
  "GET /readyz": { path: "/readyz", expect: forAll(200) },
  "GET /metrics": { path: "/metrics", expect: admin(200) },
  "GET /logga-in": { path: "/logga-in", expect: forAll(200) },
  "POST /logga-in": {
    path: "/logga-in",
    form: { username: "ingen", password: "fel-losenord" },
    expect: forAll(401),
  },
  // No provider is set up in this app: test/oidc.test.ts signs in through a real one.
  "GET /logga-in/oidc": { path: "/logga-in/oidc", expect: forAll(404) },
  "GET /logga-in/oidc/callback": { path: "/logga-in/oidc/callback?code=x&state=y", expect: forAll(404) },
  "POST /logga-ut": { path: "/logga-ut", form: {}, expect: forAll(303) },
  "POST /logga-ut-overallt": { path: "/logga-ut-overallt", form: {}, expect: signedIn(303) },
  "POST /sprak": { path: "/sprak", form: { locale: "en", next: "/" }, expect: forAll(303) },
  "GET /konto": { path: "/konto", expect: signedIn(200) },
  "POST /konto/nycklar": { path: "/konto/nycklar", form: { name: "matrix" }, expect: signedIn(200) },
  "POST /konto/nycklar/:id/aterkalla": {
    path: `/konto/nycklar/${UNKNOWN}/aterkalla`,
    form: {},
    expect: signedIn(404),
  },
  "GET /admin/anvandare": { path: "/admin/anvandare", expect: admin(200) },
  "GET /admin/anvandare/ny": { path: "/admin/anvandare/ny", expect: admin(200) },
  "POST /admin/anvandare/ny": { path: "/admin/anvandare/ny", form: {}, expect: admin(422) },
  "POST /admin/anvandare/:id/avsluta-sessioner": {
    path: `/admin/anvandare/${UNKNOWN}/avsluta-sessioner`,
    form: {},
    expect: admin(404),
  },
  "GET /admin/inloggning": { path: "/admin/inloggning", expect: admin(200) },
  "POST /admin/inloggning/ny": { path: "/admin/inloggning/ny", form: {}, expect: admin(422) },
  "POST /admin/inloggning/:id/ta-bort": {
    path: `/admin/inloggning/${UNKNOWN}/ta-bort`,
    form: {},
    expect: admin(404),
  },
  "GET /admin/logg": { path: "/admin/logg", expect: admin(200) },
  "GET /admin/utkorg": { path: "/admin/utkorg", expect: admin(200) },
  "GET /organisation": { path: "/organisation", expect: signedIn(200) },
  "GET /organisation.csv": { path: "/organisation.csv", expect: signedIn(200) },
  "GET /organisation/ny": { path: "/organisation/ny", expect: admin(200) },
  "POST /organisation/ny": { path: "/organisation/ny", form: {}, expect: admin(422) },
  "GET /organisation/:id": { path: "/organisation/ks", expect: signedIn(200) },
  "GET /organisation/:id/andra": { path: "/organisation/ks/andra", expect: admin(200) },
  "POST /organisation/:id/andra": { path: "/organisation/ks/andra", form: {}, expect: admin(422) },
  "GET /arenden": { path: "/arenden", expect: signedIn(200) },
  "GET /arenden.csv": { path: "/arenden.csv", expect: signedIn(200) },
  "GET /arenden.xlsx": { path: "/arenden.xlsx", expect: signedIn(200) },
  "GET /arenden/nytt": { path: "/arenden/nytt", expect: staff(200) },
  "POST /arenden/nytt": { path: "/arenden/nytt", form: {}, expect: staff(422) },
  "GET /registrera": { path: "/registrera", expect: staff(200) },
  "POST /registrera": { path: "/registrera", form: {}, expect: staff(422) },
  "GET /arenden/:id": { path: `/arenden/${CASE}`, expect: signedIn(200) },
  "GET /arenden/:id/andra": { path: `/arenden/${CASE}/andra`, expect: staff(200) },
  "POST /arenden/:id/andra": { path: `/arenden/${CASE}/andra`, form: {}, expect: staff(422) },
  // Writes to a case are bound to it (issue 14): an unknown case answers 404 to everyone signed in.
  "POST /arenden/:id/avsluta": { path: `/arenden/${UNKNOWN}/avsluta`, form: {}, expect: signedIn(404) },
  "POST /arenden/:id/ateroppna": { path: `/arenden/${UNKNOWN}/ateroppna`, form: {}, expect: signedIn(404) },
  "POST /arenden/:id/parter": { path: `/arenden/${CASE}/parter`, form: {}, expect: staff(422) },
  // The demo case is open: an e-archive export is refused with 409 to those allowed to export.
  "GET /arenden/:id/e-arkiv": { path: `/arenden/${CASE}/e-arkiv`, expect: archivists(409) },
  "GET /e-arkiv": { path: "/e-arkiv", expect: archivists(200) },
  "GET /e-arkiv/leverans": { path: "/e-arkiv/leverans", expect: archivists(422) },
  "GET /arenden/:id/handlingar/ny": { path: `/arenden/${CASE}/handlingar/ny`, expect: staff(200) },
  "POST /arenden/:id/handlingar": { path: `/arenden/${CASE}/handlingar`, form: {}, expect: staff(422) },
  "GET /arenden/:id/remisser/ny": { path: `/arenden/${CASE}/remisser/ny`, expect: staff(200) },
  "POST /arenden/:id/remisser": { path: `/arenden/${CASE}/remisser`, form: {}, expect: staff(422) },
  // Officer's reports: written by the case's insiders; a report is read by them and its signatories.
  "GET /arenden/:id/tjansteutlatanden": { path: `/arenden/${CASE}/tjansteutlatanden`, expect: staff(200) },
  "GET /arenden/:id/tjansteutlatanden/ny": {
    path: `/arenden/${CASE}/tjansteutlatanden/ny`,
    expect: staff(200),
  },
  "POST /arenden/:id/tjansteutlatanden": {
    path: `/arenden/${CASE}/tjansteutlatanden`,
    form: {},
    expect: staff(422),
  },
  // A signatory's own list: everyone signed in sees the reports waiting for them (none for most).
  "GET /tjansteutlatanden": { path: "/tjansteutlatanden", expect: signedIn(200) },
  "GET /tjansteutlatanden/:id": { path: `/tjansteutlatanden/${UNKNOWN}`, expect: signedIn(404) },
  "GET /tjansteutlatanden/:id/andra": { path: `/tjansteutlatanden/${UNKNOWN}/andra`, expect: signedIn(404) },
  "POST /tjansteutlatanden/:id/andra": {
    path: `/tjansteutlatanden/${UNKNOWN}/andra`,
    form: {},
    expect: signedIn(404),
  },
  "POST /tjansteutlatanden/:id/godkann": {
    path: `/tjansteutlatanden/${UNKNOWN}/godkann`,
    form: {},
    expect: signedIn(404),
  },
  "GET /remisser": { path: "/remisser", expect: signedIn(200) },
  "GET /remisser/:id": { path: `/remisser/${UNKNOWN}`, expect: signedIn(404) },
  "GET /remisser/:id/skicka": { path: `/remisser/${UNKNOWN}/skicka`, expect: staff(404) },
  "POST /remisser/:id/skicka": { path: `/remisser/${UNKNOWN}/skicka`, form: {}, expect: staff(404) },
  "GET /remisser/:id/missiv": { path: `/remisser/${UNKNOWN}/missiv`, expect: signedIn(404) },
  "GET /remisser/:id/missiv.docx": { path: `/remisser/${UNKNOWN}/missiv.docx`, expect: signedIn(404) },
  "GET /remisser/:id/remitteringsmapp": {
    path: `/remisser/${UNKNOWN}/remitteringsmapp`,
    expect: signedIn(404),
  },
  "GET /remisser/:id/remitteringsmapp.docx": {
    path: `/remisser/${UNKNOWN}/remitteringsmapp.docx`,
    expect: signedIn(404),
  },
  "GET /remisser/:id/sista-svarsdag.ics": {
    path: `/remisser/${UNKNOWN}/sista-svarsdag.ics`,
    expect: signedIn(404),
  },
  "GET /remisser/:id/andra": { path: `/remisser/${UNKNOWN}/andra`, expect: staff(404) },
  "POST /remisser/:id/andra": { path: `/remisser/${UNKNOWN}/andra`, form: {}, expect: staff(404) },
  "GET /remisser/:id/kassera": { path: `/remisser/${UNKNOWN}/kassera`, expect: staff(404) },
  "POST /remisser/:id/kassera": { path: `/remisser/${UNKNOWN}/kassera`, form: {}, expect: staff(404) },
  "GET /remisser/:id/remissmote": { path: `/remisser/${UNKNOWN}/remissmote`, expect: staff(404) },
  "POST /remisser/:id/remissmote": { path: `/remisser/${UNKNOWN}/remissmote`, form: {}, expect: staff(404) },
  "POST /remisser/:id/avsluta": { path: `/remisser/${UNKNOWN}/avsluta`, form: {}, expect: staff(404) },
  "GET /remisser/:id/mottagare/:rid": {
    path: `/remisser/${UNKNOWN}/mottagare/${UNKNOWN}`,
    expect: staff(404),
  },
  "POST /remisser/:id/mottagare/:rid/anstand": {
    path: `/remisser/${UNKNOWN}/mottagare/${UNKNOWN}/anstand`,
    form: {},
    expect: staff(404),
  },
  "POST /remisser/:id/mottagare/:rid/bedomning": {
    path: `/remisser/${UNKNOWN}/mottagare/${UNKNOWN}/bedomning`,
    form: {},
    expect: staff(404),
  },
  "POST /remisser/:id/mottagare/:rid/paminn": {
    path: `/remisser/${UNKNOWN}/mottagare/${UNKNOWN}/paminn`,
    form: {},
    expect: staff(404),
  },
  "GET /remisser/:id/sammanstallning": { path: `/remisser/${UNKNOWN}/sammanstallning`, expect: staff(404) },
  "GET /remisser/:id/sammanstallning.docx": {
    path: `/remisser/${UNKNOWN}/sammanstallning.docx`,
    expect: staff(404),
  },
  "POST /remisser/:id/sammanstallning": {
    path: `/remisser/${UNKNOWN}/sammanstallning`,
    form: {},
    expect: staff(404),
  },
  // A body's answer page by its personal link: no login; an unknown link is 404 for everyone.
  "GET /svar/:secret": { path: `/svar/${"x".repeat(43)}`, expect: forAll(404) },
  "GET /svar/:secret/material/:documentId": {
    path: `/svar/${"x".repeat(43)}/material/${UNKNOWN}`,
    expect: forAll(404),
  },
  "POST /svar/:secret/svar": { path: `/svar/${"x".repeat(43)}/svar`, form: {}, expect: forAll(404) },
  "POST /svar/:secret/anstand": { path: `/svar/${"x".repeat(43)}/anstand`, form: {}, expect: forAll(404) },
  "POST /svar/:secret/avstar": { path: `/svar/${"x".repeat(43)}/avstar`, form: {}, expect: forAll(404) },
  "GET /remissvar/:rid": { path: `/remissvar/${UNKNOWN}`, expect: signedIn(404) },
  "GET /remissvar/:rid/material/:documentId": {
    path: `/remissvar/${UNKNOWN}/material/${UNKNOWN}`,
    expect: signedIn(404),
  },
  "POST /remissvar/:rid/svar": { path: `/remissvar/${UNKNOWN}/svar`, form: {}, expect: signedIn(404) },
  "POST /remissvar/:rid/anstand": { path: `/remissvar/${UNKNOWN}/anstand`, form: {}, expect: signedIn(404) },
  "POST /remissvar/:rid/avstar": { path: `/remissvar/${UNKNOWN}/avstar`, form: {}, expect: signedIn(404) },
  "GET /offentlig/remisser": { path: "/offentlig/remisser", expect: forAll(200) },
  "GET /offentlig/remisser/:id": { path: `/offentlig/remisser/${UNKNOWN}`, expect: forAll(404) },
  "GET /mina-remisser": { path: "/mina-remisser", expect: only(["remissinstans"], 200, 403, "login") },
  "GET /handlingar/:id": { path: `/handlingar/${DOCUMENT}`, expect: signedIn(200) },
  "GET /handlingar/:id/filer/:version": { path: `/handlingar/${DOCUMENT}/filer/1`, expect: signedIn(200) },
  "POST /handlingar/:id/versioner": {
    path: `/handlingar/${UNKNOWN}/versioner`,
    form: {},
    expect: signedIn(404),
  },
  "POST /handlingar/:id/registrera": {
    path: `/handlingar/${UNKNOWN}/registrera`,
    form: {},
    expect: signedIn(404),
  },
  "POST /handlingar/:id/avskriv": { path: `/handlingar/${UNKNOWN}/avskriv`, form: {}, expect: signedIn(404) },
  "GET /mina-bevakningar": { path: "/mina-bevakningar", expect: staff(200) },
  "GET /admin/diarier": { path: "/admin/diarier", expect: admin(200) },
  "POST /admin/diarier/:id": {
    path: "/admin/diarier/ks",
    form: { numberPattern: "{prefix}" },
    expect: admin(422),
  },
  "GET /admin/sekretessgrunder": { path: "/admin/sekretessgrunder", expect: admin(200) },
  "POST /admin/sekretessgrunder": { path: "/admin/sekretessgrunder", form: {}, expect: admin(422) },
  "POST /admin/sekretessgrunder/:id/avveckla": {
    path: `/admin/sekretessgrunder/${UNKNOWN}/avveckla`,
    form: {},
    expect: admin(404),
  },
  "POST /admin/sekretessgrunder/:id/ta-i-bruk": {
    path: `/admin/sekretessgrunder/${UNKNOWN}/ta-i-bruk`,
    form: {},
    expect: admin(404),
  },
  "GET /admin/klassificering": { path: "/admin/klassificering", expect: admin(200) },
  "GET /admin/klassificering.csv": { path: "/admin/klassificering.csv", expect: admin(200) },
  "GET /admin/klassificering/ny": { path: "/admin/klassificering/ny", expect: admin(200) },
  "POST /admin/klassificering/ny": { path: "/admin/klassificering/ny", form: {}, expect: admin(422) },
  "GET /admin/klassificering/:id": { path: `/admin/klassificering/${UNKNOWN}`, expect: admin(404) },
  "POST /admin/klassificering/:id": {
    path: `/admin/klassificering/${UNKNOWN}`,
    form: {},
    expect: admin(404),
  },
  "POST /admin/klassificering/:id/avveckla": {
    path: `/admin/klassificering/${UNKNOWN}/avveckla`,
    form: {},
    expect: admin(404),
  },
  "POST /admin/klassificering/:id/ta-i-bruk": {
    path: `/admin/klassificering/${UNKNOWN}/ta-i-bruk`,
    form: {},
    expect: admin(404),
  },
  "POST /admin/klassificering/import": { path: "/admin/klassificering/import", form: {}, expect: admin(422) },
  "POST /admin/klassificering/import/genomfor": {
    path: "/admin/klassificering/import/genomfor",
    form: {},
    expect: admin(422),
  },
  "GET /admin/gallring": { path: "/admin/gallring", expect: disposal(200) },
  "POST /admin/gallring/beslut": { path: "/admin/gallring/beslut", form: {}, expect: disposal(422) },
  "GET /admin/gallring/forhandsgranskning": {
    path: "/admin/gallring/forhandsgranskning",
    expect: disposal(200),
  },
  "POST /admin/gallring/verkstall": { path: "/admin/gallring/verkstall", form: {}, expect: disposal(303) },
  "GET /sok": { path: "/sok?q=strategi", expect: signedIn(200) },
  "GET /offentlig": { path: "/offentlig?q=strategi", expect: forAll(200) },
  "GET /offentlig/arenden/:diaryNumber": {
    path: "/offentlig/arenden/KS%20171-482%2F2016",
    expect: forAll(200),
  },
  "GET /offentlig/handlingar/:id/begar-kopia": {
    path: `/offentlig/handlingar/${DOCUMENT}/begar-kopia`,
    expect: forAll(200),
  },
  "POST /offentlig/handlingar/:id/begar-kopia": {
    path: `/offentlig/handlingar/${DOCUMENT}/begar-kopia`,
    form: {},
    expect: forAll(422),
  },
  "GET /offentlig/begaran/:id": { path: `/offentlig/begaran/${UNKNOWN}`, expect: forAll(404) },
  "GET /offentlig/internationellt": { path: "/offentlig/internationellt?country=PT", expect: forAll(200) },
  "GET /offentlig/internationellt.csv": { path: "/offentlig/internationellt.csv", expect: forAll(200) },
  "GET /api/v1/public/engagements": { path: "/api/v1/public/engagements?year=2024", expect: forAll(200) },
  "GET /begaranden": { path: "/begaranden", expect: staff(200) },
  "GET /begaranden/:id": { path: `/begaranden/${UNKNOWN}`, expect: staff(404) },
  "POST /begaranden/:id/beslut": { path: `/begaranden/${UNKNOWN}/beslut`, form: {}, expect: staff(404) },
  "GET /post": { path: "/post", expect: mailDesk(200) },
  "GET /post/:id": { path: `/post/${UNKNOWN}`, expect: mailDesk(404) },
  "GET /post/:id/eml": { path: `/post/${UNKNOWN}/eml`, expect: mailDesk(404) },
  "GET /post/:id/bilagor/:n": { path: `/post/${UNKNOWN}/bilagor/0`, expect: mailDesk(404) },
  "POST /post/:id/svar": { path: `/post/${UNKNOWN}/svar`, form: {}, expect: mailDesk(404) },
  "POST /post/:id/handling": { path: `/post/${UNKNOWN}/handling`, form: {}, expect: mailDesk(404) },
  "POST /post/:id/inte-allman": { path: `/post/${UNKNOWN}/inte-allman`, form: {}, expect: mailDesk(404) },
  "GET /api/v1/copy-requests": { path: "/api/v1/copy-requests", expect: staff(200, 401) },
  "GET /api/v1/copy-requests/:id": { path: `/api/v1/copy-requests/${UNKNOWN}`, expect: staff(404, 401) },
  "POST /api/v1/copy-requests/:id/decision": {
    path: `/api/v1/copy-requests/${UNKNOWN}/decision`,
    json: { outcome: "refused" },
    expect: staff(404, 401),
  },
  "GET /api/v1/mail-intake": { path: "/api/v1/mail-intake", expect: mailDesk(200, 401) },
  "POST /api/v1/mail-intake/:id/file": {
    path: `/api/v1/mail-intake/${UNKNOWN}/file`,
    json: { as: "not_public", reason: "skräppost" },
    expect: mailDesk(404, 401),
  },
  "GET /api/v1/openapi.json": { path: "/api/v1/openapi.json", expect: forAll(200) },
  "GET /api/v1/cases": { path: "/api/v1/cases", expect: signedIn(200, 401) },
  "POST /api/v1/cases": { path: "/api/v1/cases", json: {}, expect: staff(422, 401) },
  "GET /api/v1/cases/:id": { path: `/api/v1/cases/${CASE}`, expect: signedIn(200, 401) },
  "GET /api/v1/cases/:id/reports": { path: `/api/v1/cases/${CASE}/reports`, expect: staff(200, 401) },
  "POST /api/v1/cases/:id/reports": {
    path: `/api/v1/cases/${CASE}/reports`,
    json: {},
    expect: staff(422, 401),
  },
  "GET /api/v1/reports/:id": { path: `/api/v1/reports/${UNKNOWN}`, expect: signedIn(404, 401) },
  "PUT /api/v1/reports/:id": { path: `/api/v1/reports/${UNKNOWN}`, json: {}, expect: signedIn(404, 401) },
  "POST /api/v1/reports/:id/approve": {
    path: `/api/v1/reports/${UNKNOWN}/approve`,
    json: {},
    expect: signedIn(404, 401),
  },
  "PATCH /api/v1/cases/:id": { path: `/api/v1/cases/${CASE}`, json: { title: "" }, expect: staff(422, 401) },
  "POST /api/v1/cases/:id/close": {
    path: `/api/v1/cases/${UNKNOWN}/close`,
    json: {},
    expect: signedIn(404, 401),
  },
  "POST /api/v1/cases/:id/reopen": {
    path: `/api/v1/cases/${UNKNOWN}/reopen`,
    json: {},
    expect: signedIn(404, 401),
  },
  "GET /api/v1/cases/:id/export/erms": {
    path: `/api/v1/cases/${CASE}/export/erms`,
    expect: archivists(409, 401),
  },
  "GET /api/v1/cases/:id/documents": { path: `/api/v1/cases/${CASE}/documents`, expect: signedIn(200, 401) },
  "POST /api/v1/cases/:id/documents": {
    path: `/api/v1/cases/${CASE}/documents`,
    json: {},
    expect: staff(422, 401),
  },
  "GET /api/v1/documents/:id": { path: `/api/v1/documents/${DOCUMENT}`, expect: signedIn(200, 401) },
  "GET /api/v1/documents/:id/file": {
    path: `/api/v1/documents/${DOCUMENT}/file`,
    expect: signedIn(200, 401),
  },
  "POST /api/v1/documents/:id/sign-off": {
    path: `/api/v1/documents/${UNKNOWN}/sign-off`,
    json: { kind: "noted" },
    expect: signedIn(404, 401),
  },
  "GET /api/v1/secrecy-grounds": { path: "/api/v1/secrecy-grounds", expect: signedIn(200, 401) },
  "POST /api/v1/secrecy-grounds": { path: "/api/v1/secrecy-grounds", json: {}, expect: admin(422, 403, 401) },
  "POST /api/v1/secrecy-grounds/:id/retire": {
    path: `/api/v1/secrecy-grounds/${UNKNOWN}/retire`,
    json: {},
    expect: admin(404, 403, 401),
  },
  "POST /api/v1/secrecy-grounds/:id/reinstate": {
    path: `/api/v1/secrecy-grounds/${UNKNOWN}/reinstate`,
    json: {},
    expect: admin(404, 403, 401),
  },
  "GET /api/v1/classes": { path: "/api/v1/classes", expect: admin(200, 403, 401) },
  "POST /api/v1/classes": { path: "/api/v1/classes", json: {}, expect: admin(422, 403, 401) },
  "GET /api/v1/classes/:id": { path: `/api/v1/classes/${UNKNOWN}`, expect: admin(404, 403, 401) },
  "PATCH /api/v1/classes/:id": { path: `/api/v1/classes/${UNKNOWN}`, json: {}, expect: admin(404, 403, 401) },
  "POST /api/v1/classes/:id/retire": {
    path: `/api/v1/classes/${UNKNOWN}/retire`,
    json: {},
    expect: admin(404, 403, 401),
  },
  "POST /api/v1/classes/:id/reinstate": {
    path: `/api/v1/classes/${UNKNOWN}/reinstate`,
    json: {},
    expect: admin(404, 403, 401),
  },
  "POST /api/v1/classes/import": { path: "/api/v1/classes/import", json: {}, expect: admin(422, 403, 401) },
  "GET /api/v1/search": { path: "/api/v1/search?q=strategi", expect: signedIn(200, 401) },
  "GET /api/v1/public/search": { path: "/api/v1/public/search?q=strategi", expect: forAll(200) },
  "GET /api/v1/public/cases/:diaryNumber": {
    path: "/api/v1/public/cases/KS%20171-482%2F2016",
    expect: forAll(200),
  },
  "GET /api/v1/consultations": { path: "/api/v1/consultations", expect: signedIn(200, 401) },
  "POST /api/v1/consultations": {
    path: "/api/v1/consultations",
    json: {},
    expect: staff(422, 401),
  },
  "GET /api/v1/consultations/:id": { path: `/api/v1/consultations/${UNKNOWN}`, expect: signedIn(404, 401) },
  "POST /api/v1/consultations/:id/send": {
    path: `/api/v1/consultations/${UNKNOWN}/send`,
    json: {},
    expect: staff(404, 401),
  },
  "POST /api/v1/consultations/:id/close": {
    path: `/api/v1/consultations/${UNKNOWN}/close`,
    json: {},
    expect: staff(404, 401),
  },
  "POST /api/v1/consultations/:id/compilation": {
    path: `/api/v1/consultations/${UNKNOWN}/compilation`,
    json: {},
    expect: staff(404, 401),
  },
  "GET /api/v1/consultations/:id/compilation.docx": {
    path: `/api/v1/consultations/${UNKNOWN}/compilation.docx`,
    expect: staff(404, 401),
  },
  "POST /api/v1/consultations/:id/recipients/:rid/answer": {
    path: `/api/v1/consultations/${UNKNOWN}/recipients/${UNKNOWN}/answer`,
    json: {},
    expect: signedIn(404, 401),
  },
  "POST /api/v1/consultations/:id/recipients/:rid/extension": {
    path: `/api/v1/consultations/${UNKNOWN}/recipients/${UNKNOWN}/extension`,
    json: {},
    expect: signedIn(404, 401),
  },
  "POST /api/v1/consultations/:id/recipients/:rid/decline": {
    path: `/api/v1/consultations/${UNKNOWN}/recipients/${UNKNOWN}/decline`,
    json: {},
    expect: signedIn(404, 401),
  },
  "POST /api/v1/consultations/:id/recipients/:rid/extension/decision": {
    path: `/api/v1/consultations/${UNKNOWN}/recipients/${UNKNOWN}/extension/decision`,
    json: {},
    expect: staff(404, 401),
  },
  "POST /api/v1/consultations/:id/recipients/:rid/remind": {
    path: `/api/v1/consultations/${UNKNOWN}/recipients/${UNKNOWN}/remind`,
    json: {},
    expect: staff(404, 401),
  },
  "POST /api/v1/consultations/:id/recipients/:rid/assessment": {
    path: `/api/v1/consultations/${UNKNOWN}/recipients/${UNKNOWN}/assessment`,
    json: {},
    expect: staff(404, 401),
  },
  "GET /api/v1/me": { path: "/api/v1/me", expect: signedIn(200, 401) },
  "GET /api/v1/units": { path: "/api/v1/units", expect: signedIn(200, 401) },
  "GET /api/v1/units/:id": { path: "/api/v1/units/ks", expect: signedIn(200, 401) },
  "PUT /api/v1/units/:id": { path: "/api/v1/units/ks", json: {}, expect: admin(422, 403, 401) },
  // Engagements: everyone signed in reads; officers, admins and contact persons (own unit) register
  // and change; decision makers and admins record decisions.
  "GET /engagemang": { path: "/engagemang", expect: signedIn(200) },
  "GET /engagemang/ny": { path: "/engagemang/ny", expect: engagementManagers(200) },
  "POST /engagemang": { path: "/engagemang", form: {}, expect: engagementManagers(422) },
  "GET /engagemang/:id": { path: `/engagemang/${UNKNOWN}`, expect: signedIn(404) },
  "POST /engagemang/:id": { path: `/engagemang/${UNKNOWN}`, form: {}, expect: engagementManagers(404) },
  "GET /engagemang/:id/andra": { path: `/engagemang/${UNKNOWN}/andra`, expect: engagementManagers(404) },
  "GET /engagemang/:id/beslut": { path: `/engagemang/${UNKNOWN}/beslut`, expect: deciders(404) },
  "POST /engagemang/:id/beslut": { path: `/engagemang/${UNKNOWN}/beslut`, form: {}, expect: deciders(404) },
  "GET /api/v1/engagements": { path: "/api/v1/engagements", expect: signedIn(200, 401) },
  "POST /api/v1/engagements": { path: "/api/v1/engagements", json: {}, expect: engagementManagers(422, 401) },
  "POST /api/v1/engagements/assess": {
    path: "/api/v1/engagements/assess",
    json: {},
    expect: signedIn(422, 401),
  },
  "GET /api/v1/engagements/:id": { path: `/api/v1/engagements/${UNKNOWN}`, expect: signedIn(404, 401) },
  "PATCH /api/v1/engagements/:id": {
    path: `/api/v1/engagements/${UNKNOWN}`,
    json: {},
    expect: engagementManagers(404, 401),
  },
  "POST /api/v1/engagements/:id/decision": {
    path: `/api/v1/engagements/${UNKNOWN}/decision`,
    json: {},
    expect: deciders(404, 401),
  },
  // Importing a received consultation: registry staff only.
  "GET /import": { path: "/import", expect: staff(200) },
  "POST /import": { path: "/import", form: {}, expect: staff(422) },
  "GET /import/:id": { path: `/import/${UNKNOWN}`, expect: staff(404) },
  "POST /import/:id": { path: `/import/${UNKNOWN}`, form: {}, expect: staff(404) },
  "GET /import/:id/fil": { path: `/import/${UNKNOWN}/fil`, expect: staff(404) },
  "GET /import/:id/sida-1.png": { path: `/import/${UNKNOWN}/sida-1.png`, expect: staff(404) },
  "GET /import/:id/kassera": { path: `/import/${UNKNOWN}/kassera`, expect: staff(404) },
  "POST /import/:id/kassera": { path: `/import/${UNKNOWN}/kassera`, form: {}, expect: staff(404) },
  "POST /api/v1/imports": { path: "/api/v1/imports", json: {}, expect: staff(422, 401) },
  "GET /api/v1/imports/:id": { path: `/api/v1/imports/${UNKNOWN}`, expect: staff(404, 401) },
  "POST /api/v1/imports/:id/confirm": {
    path: `/api/v1/imports/${UNKNOWN}/confirm`,
    json: {},
    expect: staff(404, 401),
  },
  "POST /api/v1/imports/:id/discard": {
    path: `/api/v1/imports/${UNKNOWN}/discard`,
    json: {},
    expect: staff(404, 401),
  },
  "GET /uppfoljning": { path: "/uppfoljning", expect: signedIn(200) },
  "GET /engagemang/kontaktnat": { path: "/engagemang/kontaktnat", expect: signedIn(200) },
  "GET /engagemang/kontaktnat.csv": { path: "/engagemang/kontaktnat.csv", expect: signedIn(200) },
  "POST /engagemang/kontaktnat/utnamning": {
    path: "/engagemang/kontaktnat/utnamning",
    form: {},
    expect: staff(422),
  },
  "POST /engagemang/kontaktnat/meddelande": {
    path: "/engagemang/kontaktnat/meddelande",
    form: {},
    expect: staff(422),
  },
  "GET /engagemang/omvarld": { path: "/engagemang/omvarld", expect: signedIn(200) },
  "POST /engagemang/omvarld/bevakning": {
    path: "/engagemang/omvarld/bevakning",
    form: {},
    expect: staff(422),
  },
  "POST /engagemang/omvarld/jamforelser": {
    path: "/engagemang/omvarld/jamforelser",
    form: {},
    expect: staff(422),
  },
  "GET /engagemang/planer/:year": { path: "/engagemang/planer/2025", expect: signedIn(200) },
  "POST /engagemang/planer/:year": { path: "/engagemang/planer/2025", form: {}, expect: planners(422) },
  "GET /engagemang/arsrapport/:year": { path: "/engagemang/arsrapport/2025", expect: signedIn(200) },
  "GET /engagemang/arsrapport/:year/arsrapport.docx": {
    path: "/engagemang/arsrapport/2025/arsrapport.docx",
    expect: signedIn(200),
  },
  "GET /engagemang/arsrapport/:year/arsrapport.xlsx": {
    path: "/engagemang/arsrapport/2025/arsrapport.xlsx",
    expect: signedIn(200),
  },
  "GET /offentlig/besok": { path: "/offentlig/besok", expect: forAll(200) },
  "POST /offentlig/besok": { path: "/offentlig/besok", form: {}, expect: forAll(422) },
  "GET /offentlig/besok/mottagen": { path: "/offentlig/besok/mottagen", expect: forAll(200) },
  "GET /offentlig/besok/mottagen/:id": {
    path: `/offentlig/besok/mottagen/${UNKNOWN}`,
    expect: forAll(404),
  },
  "GET /engagemang/besok": { path: "/engagemang/besok", expect: signedIn(200) },
  "GET /engagemang/besok/ny": { path: "/engagemang/besok/ny", expect: visitHandlers(200) },
  "POST /engagemang/besok": { path: "/engagemang/besok", form: {}, expect: visitHandlers(422) },
  "GET /engagemang/besok/:id": { path: `/engagemang/besok/${UNKNOWN}`, expect: signedIn(404) },
  "POST /engagemang/besok/:id/bedomning": {
    path: `/engagemang/besok/${UNKNOWN}/bedomning`,
    form: {},
    expect: visitHandlers(404),
  },
  "POST /engagemang/besok/:id/beslut": {
    path: `/engagemang/besok/${UNKNOWN}/beslut`,
    form: {},
    expect: visitHandlers(404),
  },
  "POST /engagemang/besok/:id/avskriv": {
    path: `/engagemang/besok/${UNKNOWN}/avskriv`,
    form: {},
    expect: visitHandlers(404),
  },
  "POST /engagemang/besok/:id/arende": {
    path: `/engagemang/besok/${UNKNOWN}/arende`,
    form: {},
    expect: visitHandlers(404),
  },
  "POST /engagemang/besok/:id/inbjudan": {
    path: `/engagemang/besok/${UNKNOWN}/inbjudan`,
    form: {},
    expect: visitHandlers(404),
  },
  "GET /engagemang/oversyner": { path: "/engagemang/oversyner", expect: signedIn(200) },
  "POST /engagemang/oversyner": { path: "/engagemang/oversyner", form: {}, expect: reviewers(422) },
  "POST /engagemang/oversyner/paminnelser": {
    path: "/engagemang/oversyner/paminnelser",
    form: {},
    expect: reviewers(303),
  },
  "POST /engagemang/oversyner/installningar": {
    path: "/engagemang/oversyner/installningar",
    form: {},
    expect: admin(422),
  },
  "GET /api/v1/contact-network": { path: "/api/v1/contact-network", expect: signedIn(200, 401) },
  "POST /api/v1/contact-network/appointments": {
    path: "/api/v1/contact-network/appointments",
    json: {},
    expect: staff(422, 401),
  },
  "POST /api/v1/contact-network/messages": {
    path: "/api/v1/contact-network/messages",
    json: {},
    expect: staff(422, 401),
  },
  "GET /moten": { path: "/moten", expect: signedIn(200) },
  "POST /moten": { path: "/moten", form: {}, expect: staff(422) },
  "GET /delegationsbeslut": { path: "/delegationsbeslut", expect: signedIn(200) },
  "POST /delegationsbeslut": { path: "/delegationsbeslut", form: {}, expect: staff(422) },
  "GET /moten/:id": { path: `/moten/${UNKNOWN}`, expect: signedIn(404) },
  "POST /moten/:id/punkter": { path: `/moten/${UNKNOWN}/punkter`, form: {}, expect: staff(404) },
  "POST /moten/:id/anslag": { path: `/moten/${UNKNOWN}/anslag`, form: {}, expect: staff(404) },
  "GET /moten/:id/foredragningslista.docx": {
    path: `/moten/${UNKNOWN}/foredragningslista.docx`,
    expect: signedIn(404),
  },
  "GET /moten/punkter/:id/beslut": { path: `/moten/punkter/${UNKNOWN}/beslut`, expect: staff(404) },
  "POST /moten/punkter/:id/beslut": {
    path: `/moten/punkter/${UNKNOWN}/beslut`,
    form: {},
    expect: staff(404),
  },
  "GET /arenden/:id/beslut": { path: `/arenden/${UNKNOWN}/beslut`, expect: signedIn(404) },
  "GET /offentlig/anslagstavla": { path: "/offentlig/anslagstavla", expect: forAll(200) },
  "GET /api/v1/meetings": { path: "/api/v1/meetings", expect: signedIn(200, 401) },
  "POST /api/v1/meetings": { path: "/api/v1/meetings", json: {}, expect: staff(422, 401) },
  "GET /api/v1/meetings/:id": { path: `/api/v1/meetings/${UNKNOWN}`, expect: signedIn(404, 401) },
  "POST /api/v1/meetings/:id/agenda-items": {
    path: `/api/v1/meetings/${UNKNOWN}/agenda-items`,
    json: {},
    expect: staff(404, 401),
  },
  "POST /api/v1/meetings/:id/posting": {
    path: `/api/v1/meetings/${UNKNOWN}/posting`,
    json: {},
    expect: staff(404, 401),
  },
  "POST /api/v1/agenda-items/:id/decision": {
    path: `/api/v1/agenda-items/${UNKNOWN}/decision`,
    json: {},
    expect: staff(404, 401),
  },
  "POST /api/v1/delegation-decisions": {
    path: "/api/v1/delegation-decisions",
    json: {},
    expect: staff(422, 401),
  },
  "GET /api/v1/delegation-decisions": {
    path: "/api/v1/delegation-decisions?body=IB&from=2026-01-01&to=2026-12-31",
    expect: signedIn(200, 401),
  },
  "GET /api/v1/cases/:id/decisions": {
    path: `/api/v1/cases/${UNKNOWN}/decisions`,
    expect: signedIn(404, 401),
  },
  "GET /api/v1/monitoring/watch-items": {
    path: "/api/v1/monitoring/watch-items",
    expect: signedIn(200, 401),
  },
  "POST /api/v1/monitoring/watch-items": {
    path: "/api/v1/monitoring/watch-items",
    json: {},
    expect: staff(422, 401),
  },
  "GET /api/v1/monitoring/comparisons": {
    path: "/api/v1/monitoring/comparisons",
    expect: signedIn(200, 401),
  },
  "POST /api/v1/monitoring/comparisons": {
    path: "/api/v1/monitoring/comparisons",
    json: {},
    expect: staff(422, 401),
  },
  "GET /api/v1/visit-requests": { path: "/api/v1/visit-requests", expect: signedIn(200, 401) },
  "POST /api/v1/visit-requests": {
    path: "/api/v1/visit-requests",
    json: {},
    expect: visitHandlers(422, 401),
  },
  "GET /api/v1/visit-requests/:id": { path: `/api/v1/visit-requests/${UNKNOWN}`, expect: signedIn(404, 401) },
  "POST /api/v1/visit-requests/:id/assessment": {
    path: `/api/v1/visit-requests/${UNKNOWN}/assessment`,
    json: {},
    expect: visitHandlers(404, 401),
  },
  "POST /api/v1/visit-requests/:id/decision": {
    path: `/api/v1/visit-requests/${UNKNOWN}/decision`,
    json: {},
    expect: visitHandlers(404, 401),
  },
  "POST /api/v1/visit-requests/:id/write-off": {
    path: `/api/v1/visit-requests/${UNKNOWN}/write-off`,
    json: {},
    expect: visitHandlers(404, 401),
  },
  "POST /api/v1/visit-requests/:id/case": {
    path: `/api/v1/visit-requests/${UNKNOWN}/case`,
    json: {},
    expect: visitHandlers(404, 401),
  },
  "POST /api/v1/visit-requests/:id/invitation-letter": {
    path: `/api/v1/visit-requests/${UNKNOWN}/invitation-letter`,
    json: {},
    expect: visitHandlers(404, 401),
  },
  "GET /api/v1/engagements/reviews": { path: "/api/v1/engagements/reviews", expect: signedIn(200, 401) },
  "POST /api/v1/engagements/reviews/reminders": {
    path: "/api/v1/engagements/reviews/reminders",
    expect: reviewers(200, 401),
  },
  "GET /api/v1/engagements/:id/reviews": {
    path: `/api/v1/engagements/${UNKNOWN}/reviews`,
    expect: signedIn(404, 401),
  },
  "POST /api/v1/engagements/:id/reviews": {
    path: `/api/v1/engagements/${UNKNOWN}/reviews`,
    json: {},
    expect: reviewers(404, 401),
  },
  "GET /api/v1/plans/:year": { path: "/api/v1/plans/2025", expect: signedIn(200, 401) },
  "PUT /api/v1/plans/:year": { path: "/api/v1/plans/2025", json: {}, expect: planners(422, 401) },
  "GET /api/v1/reports/engagements/:year": {
    path: "/api/v1/reports/engagements/2025",
    expect: signedIn(200, 401),
  },
};

let t: TestApp;
let strategyCaseId = "";
let coverLetterId = "";
const tokens = new Map<Who, string>();

beforeAll(async () => {
  t = await buildTestApp();
  const strategy = await t.ctx.db
    .selectFrom("cases")
    .select("id")
    .where("diary_number", "=", "KS 171-482/2016")
    .executeTakeFirstOrThrow();
  strategyCaseId = strategy.id;
  coverLetterId = (
    await t.ctx.db
      .selectFrom("documents")
      .select("id")
      .where("case_id", "=", strategy.id)
      .where("document_type", "=", "missiv")
      .executeTakeFirstOrThrow()
  ).id;
  for (const who of EVERYONE) {
    if (who === "anonymous") continue;
    const user = await findUserByUsername(t.ctx.db, t.config.tenantId, who);
    if (!user) throw new Error(`no demo user ${who}`);
    tokens.set(who, (await createToken(t.ctx, "system", user, { name: "matrix" })).token);
  }
});
afterAll(async () => {
  await t.close();
});

/** Pages are used with a session (and CSRF token), the API with a personal token. */
async function request(who: Who, method: string, given: Case) {
  const c = { ...given, path: given.path.replace(CASE, strategyCaseId).replace(DOCUMENT, coverLetterId) };
  if (c.path.startsWith("/api/")) {
    const token = tokens.get(who);
    return t.app.inject({
      method: method as "GET",
      url: c.path,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(c.json !== undefined ? { payload: c.json as object } : {}),
    });
  }
  const browser = new TestClient(t.app);
  if (who === "anonymous") await browser.get("/logga-in");
  else expect((await browser.login(who)).statusCode).toBe(303);
  return method === "GET" ? browser.get(c.path) : browser.post(c.path, c.form ?? {});
}

describe("permission matrix", () => {
  it("has an entry for every route", () => {
    expect(coverage(appRoutes(t.app), Object.keys(MATRIX))).toEqual({ missing: [], unknown: [] });
  });

  for (const [route, c] of Object.entries(MATRIX)) {
    const method = route.split(" ")[0] as string;
    it(`${route} answers each role as the policy says`, async () => {
      const got: Record<string, Expected> = {};
      for (const who of EVERYONE) {
        const res = await request(who, method, c);
        got[who] =
          res.statusCode === 303 && String(res.headers.location).startsWith("/logga-in?next=")
            ? "login"
            : res.statusCode;
      }
      expect(got).toEqual(c.expect);
    });
  }
});
