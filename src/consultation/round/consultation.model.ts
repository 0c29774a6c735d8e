/** A round's status; "discarded" is a draft that was discarded unsent (stored as `discarded_at`). */
export const CONSULTATION_STATUSES = ["draft", "sent", "closed", "discarded"] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

export const CONSULTATION_ACTIONS = [
  "edit",
  "discard",
  "send",
  "remind",
  "invite",
  "compile",
  "close",
] as const;
export type ConsultationAction = (typeof CONSULTATION_ACTIONS)[number];

/** The consultation workflow as data: what may be done in each status. */
export const ALLOWED_ACTIONS = {
  draft: ["edit", "discard", "send"],
  sent: ["remind", "invite", "compile", "close"],
  closed: ["compile"],
  discarded: [],
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

export const POSITIONS = ["supports", "opposes", "mixed", "no_comment"] as const;
export type Position = (typeof POSITIONS)[number];

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
  discardedAt: string | null;
  missivDocumentId: string | null;
  listDocumentId: string | null;
  compilationDocumentId: string | null;
}

/** A consultation with its material and its distribution list, grouped and sorted by name. */
export interface ConsultationDetails extends Consultation {
  documentIds: string[];
  recipients: Record<ListGroup, Recipient[]>;
}
