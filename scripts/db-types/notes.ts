/** Comments carried into the generated schema: "table" or "table.column" → its doc comment. */
export const NOTES: Record<string, string> = {
  "api_tokens.token_hash": "SHA-256 of the token: the token itself is shown once and never stored.",
  "audit_head.keyed_from_seq": "Where the keyed (HMAC) chain starts; all null until it has started.",
  "audit_head.keyed_seal": "HMAC of the three above with the audit key.",
  city_comparisons: "The city's rank and/or value in an index in a year.",
  consultation_material: "The registered documents of the case sent as the consultation's material.",
  consultation_recipients:
    "A body on a consultation's distribution list: a unit, or an external body by name and e-mail.",
  "consultation_recipients.deadline": "The body's own deadline after an extension; null: the consultation's.",
  "consultation_recipients.list_group": "The distribution list's group: district, specialist or other.",
  "consultation_recipients.summary":
    "The officer's summary of the answer and the body's position, for the compilation.",
  "consultation_recipients.token_hash":
    "SHA-256 of the personal answer link's secret; the secret itself is only in the e-mail.",
  contact_persons:
    "An international contact person of an administration or company; `ended_on` null while current.",
  "contact_persons.appointed_by": "The head of the unit who made the appointment, as text.",
  "disposal_decisions.reference": 'The decision\'s reference, e.g. "SSA 2004:14".',
  disposal_records: "Append-only: the permanent entry a disposal leaves (R6).",
  "disposal_rules.document_type":
    "Normalised (trimmed, lower case) so it matches documents' types however they were typed.",
  "disposal_rules.retention_years": "Years after the case was closed; null for types that are kept.",
  "documents.public_hold":
    'Set while the public register may not show the document yet ("consultation_open").',
  "documents.secrecy_ground_id":
    "The ground on the tenant's list the marking was chosen from; null for markings made before the list.",
  "engagement_counterparts.country": "ISO 3166-1 alpha-2.",
  engagement_decisions: "A decision on an engagement, registered as a document in its case.",
  engagement_plans: "A unit's planned international work and budget for a year, and its follow-up (kronor).",
  engagement_reviews: "A review of a membership or agreement (P4).",
  "engagement_reviews.next_review_on": "Null when the outcome ends the engagement.",
  engagements: "An international engagement (domain.md §5); twin-city agreements are never stored (P2).",
  "engagements.cost": "Whole kronor.",
  "engagements.deciding_body": "The decision routing (domain.md §6) as it stood when last saved.",
  import_drafts: "A received consultation between upload and confirmation (src/import/).",
  "import_drafts.changes": "JSON: the words the repair changed, [{before, after}].",
  "import_drafts.method": '"text" (the file\'s own text) or "ocr".',
  "import_drafts.proposal": "JSON: the proposal as read (proposal.model.ts).",
  login_failures: "Failed sign-ins of one (account, address) pair, or of one address to any account.",
  "login_failures.username": "The username as typed, known or not; '' on an address's own row.",
  "mail_outbox.claimed_at": "When a process took the message for sending; a stale claim is taken over.",
  network_messages: "A message sent to the whole contact network and registered as an outgoing document.",
  reference_versions: "A counter per cached reference list, bumped by triggers on every write to its tables.",
  review_reminders: "A reminder sent to an engagement's officer; unique per engagement, kind and due date.",
  search_parts:
    "One document's file text in the search index (the tsvector column on PostgreSQL is written by SQL only).",
  secrecy_grounds:
    "A provision of the OSL that secrecy markings are chosen from (issue 14); retired, never deleted.",
  "sessions.id": "SHA-256 of the cookie value: the cookie itself is never stored.",
  visit_requests:
    "A request for a visit, from the public form or taken in by an officer; flags are 0/1 (null: not assessed).",
  watch_items: "Something external monitoring noted: an event, trend, piece of research or ranking.",
};
