import type { UserActor } from "../../src/auth/actor.ts";
import {
  accessForUser,
  allRecipients,
  answerConsultation,
  closeConsultation,
  createConsultation,
  getConsultation,
  requestExtension,
  sendConsultation,
} from "../../src/consultation/index.ts";
import { recordDecision } from "../../src/engagements/decisions.service.ts";
import { registerEngagement } from "../../src/engagements/engagements.service.ts";
import {
  assessVisitRequest,
  decideVisitRequest,
  receiveVisitRequest,
} from "../../src/engagements/visits/visits.service.ts";
import { stockholmDate } from "../../src/platform/calendar/civil-date.ts";
import { isWorkingDay } from "../../src/platform/calendar/swedish-days.ts";
import { changeCaseStatus, openCase } from "../../src/registry/cases.service.ts";
import { registerDocument } from "../../src/registry/documents.service.ts";
import type { TestApp } from "./app.ts";
import { demoActor, demoClassId } from "./demo.ts";
import type { Who } from "./roles.ts";

/**
 * The records the unit-bound permission matrix acts on. Each role is tried against four
 * subjects: a record of its own unit, one of another unit (for documents: a draft), a secret
 * case of another unit (secret real title, public title, protected party, secret document) and
 * a public case of a third unit. Cases, their documents and consultations add a fifth: a secret
 * case of another unit whose officer is the demo handläggare (for the other roles, just a
 * secret case that has an officer).
 */
export type Subject = "own" | "other" | "secret" | "public" | "officer";
export const SUBJECTS: readonly Subject[] = ["own", "other", "secret", "public"];
export const CASE_SUBJECTS: readonly Subject[] = [...SUBJECTS, "officer"];
/** The subjects whose case is the secret one. */
export const isSecret = (s: Subject) => s === "secret" || s === "officer";

/** A unit no demo user belongs to: "another unit" for everyone. */
export const OTHER_UNIT = "forv-miljo";
/** The unit of the public case: again nobody's own. */
export const PUBLIC_UNIT = "forv-trafik";
/**
 * The demo reader belongs to no unit; the matrix puts it in one, so "own unit" means something
 * for every role (and shows that a unit gives a reader no more than reading).
 */
export const READER_UNIT = "forv-idrott";

/** What a user who may not see the secret case in full must never be shown. */
export const SECRET = {
  title: "Skyddat boende för vittnet Orvar Hemlig",
  publicTitle: "Ärende om stöd till enskild",
  party: "Orvar Hemlig",
  description: "Vittnets nya adress på Gnestavägen",
  fileText: "Gnestavägen 17, port C",
} as const;

/** The kinds of record a route acts on, each in the state its routes need. */
export type Kind =
  | "case"
  | "closed"
  | "draft"
  | "consultation-draft"
  | "consultation-sent"
  | "consultation-extension"
  | "consultation-answered"
  | "consultation-closed"
  | "engagement"
  | "visit"
  | "visit-assessed"
  /** Accepted, prioritised under P5, and its engagement approved by the deciding body: an invitation letter may be written. */
  | "visit-approved";

/** The ids of one made record and what it hangs on. */
export interface Made {
  unitId: string;
  caseId: string;
  diaryNumber: string;
  /** The case's officer, where it has one. */
  officerId: string | null;
  /** A registered incoming document with a file (the secret one in the secret case). */
  documentId: string;
  /** A draft outgoing document with a file, for the "draft" kind. */
  draftId: string;
  consultationId: string;
  /** The consultation's material: a public document of the case (a secret one is never sent). */
  materialId: string;
  /** The consultation's body: the record's own unit. */
  recipientId: string;
  engagementId: string;
  visitId: string;
}

const REQUEST = {
  organisation: "Helsingin kaupunki, kulttuuritoimi",
  country: "fi",
  contactName: "Aino Keksitty",
  contactEmail: "aino.keksitty@example.fi",
  participants: "6",
  purpose: "Utbyte om stadens arbete med bibliotek.",
  politicalLevel: "normal",
};

/** A date `days` after today (Stockholm), as the forms take it; `working` moves it on to a working day. */
export function daysAhead(t: TestApp, days: number, working = false): string {
  for (let d = days; ; d++) {
    const date = stockholmDate(new Date(t.ctx.clock.now().getTime() + d * 86_400_000));
    if (!working || isWorkingDay(date)) return date;
  }
}

/**
 * Makes and remembers the records of the matrix: one per kind, unit, secrecy and officer, made
 * again once a request may have changed it (`spoil`), so each role meets the same starting state.
 */
export class UnitFixtures {
  private readonly made = new Map<string, Promise<Made>>();
  private units = new Map<string, string | null>();
  private admin!: UserActor;
  /** The officer of made consultations and engagements: registry staff, no unit's officer. */
  registratorId = "";
  private officerId = "";
  /** The class every made case is filed under (a case edit form keeps it). */
  classId = "";
  private serial = 0;

  constructor(private readonly t: TestApp) {}

  /** Looks up the demo users' units (placing the reader in READER_UNIT) and what the records need. */
  async setUp(): Promise<void> {
    await this.t.ctx.db
      .updateTable("users")
      .set({ unit_id: READER_UNIT })
      .where("username", "=", "lasare")
      .execute();
    const users = await this.t.ctx.db.selectFrom("users").select(["username", "unit_id"]).execute();
    this.units = new Map(users.map((u) => [u.username, u.unit_id]));
    this.admin = await demoActor(this.t, "admin");
    this.registratorId = (await demoActor(this.t, "registrator")).id;
    this.officerId = (await demoActor(this.t, "handlaggare")).id;
    this.classId = await demoClassId(this.t, "2019", "2.4");
  }

  /** The unit a subject's record belongs to, for a role. Anonymous has no unit: its "own" is the public case's. */
  unitOf(who: Who, subject: Subject): string {
    if (subject === "own") return (who === "anonymous" ? null : this.units.get(who)) ?? PUBLIC_UNIT;
    return subject === "public" ? PUBLIC_UNIT : OTHER_UNIT;
  }

  private key(kind: Kind, who: Who, subject: Subject) {
    return `${kind}|${this.unitOf(who, subject)}|${isSecret(subject)}|${subject === "officer"}`;
  }

  /** The record of a kind for a role and subject, made on first use. */
  get(kind: Kind, who: Who, subject: Subject): Promise<Made> {
    return this.made.get(this.key(kind, who, subject)) ?? this.renew(kind, who, subject);
  }

  /**
   * Replaces a record a request may have changed: the next role gets a fresh one. It is made at
   * once, while the other roles' requests run (PostgreSQL makes them side by side).
   */
  spoil(kind: Kind, who: Who, subject: Subject): void {
    this.renew(kind, who, subject);
  }

  private renew(kind: Kind, who: Who, subject: Subject): Promise<Made> {
    const officerId = subject === "officer" ? this.officerId : null;
    const made = this.make(kind, this.unitOf(who, subject), isSecret(subject), officerId);
    // A failure is reported to whoever asks for the record, not as an unhandled rejection.
    made.catch(() => {});
    this.made.set(this.key(kind, who, subject), made);
    return made;
  }

  private async make(kind: Kind, unitId: string, secret: boolean, officerId: string | null): Promise<Made> {
    const n = ++this.serial;
    const c = await openCase(this.t.ctx, "system", {
      registryId: "ks",
      classId: this.classId,
      unitId,
      ...(officerId ? { officerId } : {}),
      ...(secret
        ? {
            title: SECRET.title,
            publicTitle: SECRET.publicTitle,
            parties: [{ name: SECRET.party, protectedIdentity: true }],
          }
        : { title: `Samverkan om lokaler ${n}`, parties: [{ name: "Lokalbolaget AB" }] }),
    });
    const secrecy = secret
      ? {
          description: SECRET.description,
          secrecyProvision: "21 kap. 3 § OSL",
          secrecyMarkedOn: daysAhead(this.t, -1),
          secrecyAuthority: "Stadsledningskontoret",
          publicDescription: "Skrivelse från enskild",
          publicParty: "Enskild",
        }
      : { description: `Skrivelse om lokaler ${n}` };
    const file = (name: string) => ({
      fileName: name,
      bytes: Buffer.from(secret ? `${SECRET.fileText}\n` : `Brev ${n}\n`),
    });
    const doc = await registerDocument(
      this.t.ctx,
      "system",
      c.id,
      { direction: "incoming", party: secret ? SECRET.party : "Lokalbolaget AB", ...secrecy },
      file("brev.txt"),
    );
    const made: Made = {
      unitId,
      officerId,
      caseId: c.id,
      diaryNumber: c.diaryNumber,
      documentId: doc.id,
      draftId: "",
      consultationId: "",
      materialId: "",
      recipientId: "",
      engagementId: "",
      visitId: "",
    };
    if (kind === "closed") await changeCaseStatus(this.t.ctx, this.admin, c.id, "close");
    if (kind === "draft") {
      const draft = await registerDocument(
        this.t.ctx,
        "system",
        c.id,
        { direction: "outgoing", draft: true, party: "Lokalbolaget AB", ...secrecy },
        file("utkast.txt"),
      );
      made.draftId = draft.id;
    }
    if (kind.startsWith("consultation-")) await this.consultation(made, kind);
    if (kind === "engagement") {
      const { engagement } = await registerEngagement(this.t.ctx, this.admin, {
        unitId,
        officerId: this.registratorId,
        type: "membership",
        title: `Medlemskap i biblioteksnätverk ${n}`,
        scope: "service",
        directions: ["samverkan"],
        purpose: "Utbyte med andra städers bibliotek.",
        counterparts: [{ kind: "network", name: "Påhittat biblioteksnätverk", country: "DE" }],
        caseDiaryNumber: c.diaryNumber,
        startDate: daysAhead(this.t, -365),
      });
      made.engagementId = engagement.id;
    }
    if (kind.startsWith("visit")) {
      const visit = await receiveVisitRequest(this.t.ctx, this.admin, {
        ...REQUEST,
        visitFrom: daysAhead(this.t, 60),
        visitTo: daysAhead(this.t, 61),
        unitIds: [unitId],
      });
      made.visitId = visit.id;
      if (kind === "visit-assessed")
        await assessVisitRequest(this.t.ctx, this.admin, visit.id, {
          mutualLearning: true,
          assessmentNote: "Vi lär oss av deras bibliotek.",
        });
      if (kind === "visit-approved") {
        await assessVisitRequest(this.t.ctx, this.admin, visit.id, {
          mutualLearning: true,
          raisedCompetence: true,
          cityImage: true,
          prioritised: true,
          assessmentNote: "Vi lär oss av deras bibliotek.",
        });
        const accepted = await decideVisitRequest(this.t.ctx, this.admin, visit.id, {
          outcome: "accept",
          outcomeNote: "Välkomna.",
          caseDiaryNumber: c.diaryNumber,
        });
        await recordDecision(this.t.ctx, this.admin, accepted.engagementId ?? "", {
          decidedOn: daysAhead(this.t, 0),
          minutesParagraph: "§ 3",
          outcome: "approved",
        });
      }
    }
    return made;
  }

  /** A consultation of the case sent to (or, as a draft, meant for) the record's own unit. */
  private async consultation(made: Made, kind: Kind): Promise<void> {
    const material = await registerDocument(
      this.t.ctx,
      "system",
      made.caseId,
      { direction: "internal", party: "Stadsledningskontoret", description: "Förslag att remittera" },
      { fileName: "forslag.txt", bytes: Buffer.from("Förslaget i sin helhet.\n") },
    );
    made.materialId = material.id;
    const { consultation } = await createConsultation(this.t.ctx, this.admin, made.caseId, {
      title: `Remiss om lokaler ${this.serial}`,
      deadline: daysAhead(this.t, 70, true),
      instructions: "Svara som Word-fil.",
      officerId: this.registratorId,
      unitIds: [made.unitId],
      documentIds: [material.id],
    });
    made.consultationId = consultation.id;
    if (kind === "consultation-draft") return;
    await sendConsultation(this.t.ctx, this.admin, consultation.id);
    const k = await getConsultation(this.t.ctx, consultation.id);
    made.recipientId = allRecipients(k).find((r) => r.unitId === made.unitId)?.id ?? "";
    const access = () => accessForUser(this.t.ctx, this.admin, made.recipientId);
    if (kind === "consultation-extension")
      await requestExtension(this.t.ctx, this.admin, await access(), {
        until: daysAhead(this.t, 100, true),
        reason: "Nämnden sammanträder senare.",
      });
    if (kind === "consultation-answered")
      await answerConsultation(this.t.ctx, this.admin, await access(), { text: "Vi tillstyrker." }, null);
    if (kind === "consultation-closed") await closeConsultation(this.t.ctx, this.admin, consultation.id);
  }
}
