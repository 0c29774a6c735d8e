/** A consulted body tied to a unit of the organisation. */
export interface BodyMatch {
  body: string;
  unit_id: string;
  confidence: number;
}

/** What kansli reads out of a received consultation; null where the document has no value. */
export interface Proposal {
  title: string | null;
  diary_number: string | null;
  sender_organisation: string | null;
  date_sent: string | null;
  deadline: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  reply_to_email: string | null;
  consulted_bodies: string[];
  instructions: string | null;
  matches: BodyMatch[];
}

/** The scalar fields, in the order the review page and the evaluation show them. */
export const SCALAR_FIELDS = [
  "title",
  "diary_number",
  "sender_organisation",
  "date_sent",
  "deadline",
  "contact_name",
  "contact_phone",
  "contact_email",
  "reply_to_email",
  "instructions",
] as const satisfies readonly (keyof Proposal)[];
export type ScalarField = (typeof SCALAR_FIELDS)[number];
