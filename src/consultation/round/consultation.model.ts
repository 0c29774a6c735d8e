import { z } from "zod";
import type { UnitType } from "../../organisation/units.model.ts";
import type { FieldError } from "../../platform/errors.ts";
import { blankToUndefined } from "../../platform/validation.ts";

export const CONSULTATION_STATUSES = ["draft", "sent", "closed"] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

export const CONSULTATION_ACTIONS = ["send", "remind", "compile", "close"] as const;
export type ConsultationAction = (typeof CONSULTATION_ACTIONS)[number];

/** The consultation workflow as data: what may be done in each status. */
export const ALLOWED_ACTIONS = {
  draft: ["send"],
  sent: ["remind", "compile", "close"],
  closed: ["compile"],
} as const satisfies Record<ConsultationStatus, readonly ConsultationAction[]>;

export const allowedActions = (status: ConsultationStatus): readonly ConsultationAction[] =>
  ALLOWED_ACTIONS[status];

/** The groups of the distribution list (remitteringsmapp), in the order domain.md §4 lists them. */
export const LIST_GROUPS = ["district", "specialist", "other"] as const;
export type ListGroup = (typeof LIST_GROUPS)[number];

/** Whether a body was sent the consultation: the stored fact the tracking state starts from. */
export const SEND_STATES = ["not_sent", "sent"] as const;
export type SendState = (typeof SEND_STATES)[number];

/** A body's place in the round as the tracking board shows it (derived by `trackingState`). */
export const RECIPIENT_STATES = [
  "not_sent",
  "sent",
  "opened",
  "extension_asked",
  "extension_granted",
  "answered_on_time",
  "answered_late",
  "declined",
  "no_answer",
] as const;
export type RecipientState = (typeof RECIPIENT_STATES)[number];

export const RECIPIENT_ACTIONS = [
  "answer",
  "decline",
  "ask_extension",
  "decide_extension",
  "remind",
  "assess",
] as const;
export type RecipientAction = (typeof RECIPIENT_ACTIONS)[number];

const WAITING = ["answer", "decline", "ask_extension", "remind"] as const;

/** What may be done for a body in each state while the round is out; a closed round allows only the officer's assessment. */
export const RECIPIENT_ALLOWED = {
  not_sent: [],
  sent: WAITING,
  opened: WAITING,
  extension_asked: ["answer", "decline", "decide_extension", "remind"],
  extension_granted: WAITING,
  no_answer: WAITING,
  answered_on_time: ["assess"],
  answered_late: ["assess"],
  declined: [],
} as const satisfies Record<RecipientState, readonly RecipientAction[]>;

export function recipientActions(
  status: ConsultationStatus,
  state: RecipientState,
): readonly RecipientAction[] {
  const allowed: readonly RecipientAction[] = RECIPIENT_ALLOWED[state];
  return status === "sent" ? allowed : allowed.filter((a) => a === "assess" && status === "closed");
}

/** The facts about one body from which its tracking state follows. */
export interface RecipientFacts {
  sendState: SendState;
  openedAt: string | null;
  answeredOn: string | null;
  declinedOn: string | null;
  /** The body's own deadline after a granted extension, else null. */
  ownDeadline: string | null;
  extensionAsked: boolean;
}

/** The deadline that applies to a body: its granted one, else the consultation's. */
export const effectiveDeadline = (consultationDeadline: string, ownDeadline: string | null): string =>
  ownDeadline ?? consultationDeadline;

/**
 * A body's tracking state on `today`. An answer counts as on time when it arrived on or before the
 * body's own deadline; a body past its deadline without an answer, decline or pending request is
 * "no answer" (the board highlights it as late).
 */
export function trackingState(
  facts: RecipientFacts,
  consultationDeadline: string,
  today: string,
): RecipientState {
  if (facts.sendState === "not_sent") return "not_sent";
  const deadline = effectiveDeadline(consultationDeadline, facts.ownDeadline);
  if (facts.answeredOn) return facts.answeredOn <= deadline ? "answered_on_time" : "answered_late";
  if (facts.declinedOn) return "declined";
  if (facts.extensionAsked) return "extension_asked";
  if (today > deadline) return "no_answer";
  if (facts.ownDeadline) return "extension_granted";
  return facts.openedAt ? "opened" : "sent";
}

/** States the board marks as late. */
export const isLate = (state: RecipientState) => state === "answered_late" || state === "no_answer";

export const POSITIONS = ["supports", "opposes", "mixed", "no_comment"] as const;
export type Position = (typeof POSITIONS)[number];

/** Whole groups of units a consultation can be sent to at once, by the unit type they take. */
export const UNIT_GROUPS = {
  district: "district_committee",
  specialist: "specialist_committee",
  company: "company",
} as const satisfies Record<string, UnitType>;
export type UnitGroup = keyof typeof UNIT_GROUPS;
export const UNIT_GROUP_NAMES = Object.keys(UNIT_GROUPS) as UnitGroup[];

/** Where a unit stands on the distribution list: district and specialist committees, then the others. */
export function listGroupOf(type: string): ListGroup {
  if (type === UNIT_GROUPS.district) return "district";
  if (type === UNIT_GROUPS.specialist) return "specialist";
  return "other";
}

export interface Recipient {
  id: string;
  unitId: string | null;
  name: string;
  email: string | null;
  group: ListGroup;
  state: RecipientState;
  /** The deadline that applies to this body (its own after an extension). */
  deadline: string;
  /** True when the body was granted a deadline of its own. */
  extended: boolean;
  sentAt: string | null;
  openedAt: string | null;
  answeredOn: string | null;
  answerDocumentId: string | null;
  declinedOn: string | null;
  declineComment: string | null;
  summary: string | null;
  position: Position | null;
}

export interface Consultation {
  id: string;
  caseId: string;
  title: string;
  status: ConsultationStatus;
  deadline: string;
  sentOn: string | null;
  instructions: string;
  officerId: string;
  contact: string | null;
  createdAt: string;
  closedOn: string | null;
  missivDocumentId: string | null;
  listDocumentId: string | null;
  compilationDocumentId: string | null;
}

/** A consultation with its material and its distribution list, grouped and sorted by name. */
export interface ConsultationDetails extends Consultation {
  documentIds: string[];
  recipients: Record<ListGroup, Recipient[]>;
}

/** A form's checkboxes post nothing, one value or several; the API posts an array. */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(item).max(500),
  );
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

/** What an officer fills in to create a consultation, from the form or as JSON. */
export const consultationInputSchema = z.strictObject({
  title: z.string().trim().min(1).max(500),
  deadline: z.iso.date({ error: "consultation.deadline_format" }),
  instructions: z.string().trim().min(1).max(5000),
  officerId: z.string().trim().min(1, { error: "consultation.officer_required" }).max(100),
  contact: optionalText(500),
  groups: list(z.enum(UNIT_GROUP_NAMES as [UnitGroup, ...UnitGroup[]])),
  unitIds: list(z.string().max(100)),
  /** One external body a line: "Name, e-mail". */
  externalBodies: optionalText(20_000),
  documentIds: list(z.string().max(100)),
});
export type ConsultationInput = z.output<typeof consultationInputSchema>;

export interface ExternalBody {
  name: string;
  email: string;
}

const emailSchema = z.email();

/** Reads "Name, e-mail" lines (blank lines skipped); each bad line is named by its number. */
export function parseExternalBodies(text: string | undefined): {
  bodies: ExternalBody[];
  errors: FieldError[];
} {
  const bodies: ExternalBody[] = [];
  const bad: number[] = [];
  (text ?? "").split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    const comma = line.lastIndexOf(",");
    const name = line.slice(0, comma).trim();
    const email = line.slice(comma + 1).trim();
    if (comma < 0 || name === "" || name.length > 200 || !emailSchema.safeParse(email).success)
      bad.push(i + 1);
    else bodies.push({ name, email });
  });
  const errors: FieldError[] =
    bad.length > 0
      ? [
          {
            field: "externalBodies",
            message: "consultation.external_format",
            params: { lines: bad.join(", ") },
          },
        ]
      : [];
  return { bodies, errors };
}

/**
 * A document a round may send as material: registered and without secret parts. A round goes to
 * bodies outside the case (and its material is public once sent), so a secret document is never
 * material (issue 14: no secret file reaches a reader who may not see it).
 */
export const sendableMaterial = (d: { status: string; secrecy: unknown }): boolean =>
  d.status === "registered" && d.secrecy === null;
