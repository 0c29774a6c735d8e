import type { Generated } from "kysely";

/**
 * Row types of every table. Timestamps are ISO-8601 UTC strings and civil dates
 * `YYYY-MM-DD` strings on both databases, so SQLite and PostgreSQL hand back the
 * same values and compare the same way.
 */
export interface Database {
  tenants: TenantTable;
  units: UnitTable;
  users: UserTable;
  sessions: SessionTable;
  login_failures: LoginFailureTable;
  api_tokens: ApiTokenTable;
  audit_events: AuditEventTable;
  audit_head: AuditHeadTable;
  app_secrets: AppSecretTable;
  mail_outbox: MailOutboxTable;
  registries: RegistryTable;
  diary_counters: DiaryCounterTable;
  classification_schemes: ClassificationSchemeTable;
  classes: ClassTable;
  cases: CaseTable;
  case_parties: CasePartyTable;
  documents: DocumentTable;
  document_files: DocumentFileTable;
  search_index: SearchIndexTable;
  search_parts: SearchPartTable;
  copy_requests: CopyRequestTable;
  disposal_decisions: DisposalDecisionTable;
  disposal_rules: DisposalRuleTable;
  disposal_records: DisposalRecordTable;
  consultations: ConsultationTable;
  consultation_recipients: ConsultationRecipientTable;
  consultation_material: ConsultationMaterialTable;
  consultation_extensions: ConsultationExtensionTable;
  consultation_reminders: ConsultationReminderTable;
  engagements: EngagementTable;
  engagement_directions: EngagementDirectionTable;
  engagement_counterparts: EngagementCounterpartTable;
  engagement_financing: EngagementFinancingTable;
  engagement_decisions: EngagementDecisionTable;
  import_drafts: ImportDraftTable;
  reference_versions: ReferenceVersionTable;
  secrecy_grounds: SecrecyGroundTable;
  contact_persons: ContactPersonTable;
  network_messages: NetworkMessageTable;
  engagement_plans: EngagementPlanTable;
  watch_items: WatchItemTable;
  city_comparisons: CityComparisonTable;
  visit_requests: VisitRequestTable;
  visit_request_units: VisitRequestUnitTable;
  engagement_reviews: EngagementReviewTable;
  review_reminders: ReviewReminderTable;
}

export interface TenantTable {
  id: string;
  name: string;
  created_at: string;
}

/** A counter per cached reference list, bumped by triggers on every write to its tables. */
export interface ReferenceVersionTable {
  name: string;
  version: number;
}

/** A provision of the OSL that secrecy markings are chosen from (issue 14); retired, never deleted. */
export interface SecrecyGroundTable {
  id: string;
  tenant_id: string;
  chapter: number;
  section: string;
  paragraph: string | null;
  citation: string;
  name: string;
  retired_at: string | null;
  created_by: string | null;
  created_at: string;
}

export interface UnitTable {
  id: string;
  tenant_id: string;
  name: string;
  short_name: string | null;
  type: string;
  parent_id: string | null;
  email: string | null;
  functional_mailbox: string | null;
  phone: string | null;
  address: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  tenant_id: string;
  username: string;
  display_name: string;
  email: string | null;
  role: string;
  unit_id: string | null;
  password_hash: string;
  locale: string | null;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie value: the cookie itself is never stored. */
  id: string;
  tenant_id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  ip: string | null;
  user_agent: string | null;
}

/** Failed sign-ins of one (account, address) pair, or of one address to any account. */
export interface LoginFailureTable {
  tenant_id: string;
  scope: "account" | "address";
  /** The username as typed, known or not; '' on an address's own row. */
  username: string;
  address: string;
  failures: number;
  last_failed_at: string;
}

export interface ApiTokenTable {
  id: string;
  tenant_id: string;
  user_id: string;
  name: string;
  /** SHA-256 of the token: the token itself is shown once and never stored. */
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditEventTable {
  seq: number;
  tenant_id: string;
  occurred_at: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  last_seq: number;
  last_hash: string;
  /** Where the keyed (HMAC) chain starts; all null until it has started. */
  keyed_from_seq: number | null;
  keyed_from_hash: string | null;
  keyed_since: string | null;
  /** HMAC of the three above with the audit key. */
  keyed_seal: string | null;
}

export interface AppSecretTable {
  name: string;
  value: string;
}

export interface MailOutboxTable {
  id: string;
  tenant_id: string;
  created_at: string;
  to_address: string;
  subject: string;
  body_text: string;
  status: string;
  attempts: Generated<number>;
  /** When a process took the message for sending; a stale claim is taken over. */
  claimed_at: string | null;
  sent_at: string | null;
  last_error: string | null;
}

export interface RegistryTable {
  id: string;
  tenant_id: string;
  prefix: string;
  name: string;
  unit_id: string | null;
  number_pattern: string;
  created_at: string;
  updated_at: string;
}

export interface DiaryCounterTable {
  registry_id: string;
  year: number;
  last_seq: number;
}

export interface ClassificationSchemeTable {
  id: string;
  tenant_id: string;
  name: string;
  version: string;
  valid_from: string;
  valid_to: string | null;
  created_at: string;
}

export interface ClassTable {
  id: string;
  scheme_id: string;
  code: string;
  title: string;
  parent_code: string | null;
}

export interface CaseTable {
  id: string;
  tenant_id: string;
  registry_id: string;
  diary_number: string;
  year: number;
  seq: number;
  title: string;
  public_title: string | null;
  class_id: string;
  unit_id: string;
  officer_id: string | null;
  status: string;
  opened_on: string;
  closed_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface CasePartyTable {
  id: string;
  case_id: string;
  name: string;
  organisation: string | null;
  email: string | null;
  protected_identity: Generated<number>;
  created_at: string;
}

export interface DocumentTable {
  id: string;
  tenant_id: string;
  case_id: string;
  direction: string;
  status: string;
  document_date: string;
  party: string | null;
  description: string;
  public_description: string | null;
  public_party: string | null;
  secrecy_provision: string | null;
  secrecy_marked_on: string | null;
  secrecy_authority: string | null;
  /** The ground on the tenant's list the marking was chosen from; null for markings made before the list. */
  secrecy_ground_id: string | null;
  document_type: string | null;
  due_date: string | null;
  signed_off_on: string | null;
  signoff_kind: string | null;
  signoff_reference: string | null;
  registered_at: string | null;
  frozen_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  /** Set while the public register may not show the document yet ("consultation_open"). */
  public_hold: string | null;
}

export interface DocumentFileTable {
  id: string;
  document_id: string;
  version: number;
  sha256: string;
  size: number;
  file_name: string;
  mime: string;
  text_content: string | null;
  uploaded_by: string | null;
  uploaded_at: string;
  disposed_at: string | null;
}

export interface SearchIndexTable {
  key: Generated<number>;
  case_id: string;
  tenant_id: string;
  full_title: string;
  full_parties: string;
  full_body: string;
  public_title: string;
  public_parties: string;
  public_body: string;
  updated_at: string;
}

/** One document's file text in the search index (the tsvector column on PostgreSQL is written by SQL only). */
export interface SearchPartTable {
  key: number;
  case_id: string;
  document_id: string;
  file_version: number;
  title: string;
}

export interface CopyRequestTable {
  id: string;
  tenant_id: string;
  document_id: string;
  case_id: string;
  requester_name: string | null;
  email: string | null;
  postal_address: string | null;
  delivery: string;
  message: string | null;
  received_at: string;
  status: string;
  outcome: string | null;
  outcome_note: string | null;
  handled_by: string | null;
  handled_at: string | null;
}

export interface DisposalDecisionTable {
  id: string;
  tenant_id: string;
  /** The decision's reference, e.g. "SSA 2004:14". */
  reference: string;
  title: string;
  decided_on: string;
  authority: string;
  created_by: string | null;
  created_at: string;
}

export interface DisposalRuleTable {
  id: string;
  tenant_id: string;
  decision_id: string;
  /** Normalised (trimmed, lower case) so it matches documents' types however they were typed. */
  document_type: string;
  action: string;
  /** Years after the case was closed; null for types that are kept. */
  retention_years: number | null;
  counted_from: string;
  superseded_by: string | null;
  created_at: string;
}

/** Append-only: the permanent entry a disposal leaves (R6). */
export interface DisposalRecordTable {
  id: string;
  tenant_id: string;
  file_id: string;
  document_id: string;
  case_id: string;
  diary_number: string;
  file_version: number;
  file_name: string;
  sha256: string;
  size: number;
  decision_id: string;
  decision_reference: string;
  disposed_at: string;
  disposed_by: string | null;
  disposed_by_label: string;
}

export interface ConsultationTable {
  id: string;
  tenant_id: string;
  case_id: string;
  title: string;
  status: string;
  deadline: string;
  sent_on: string | null;
  instructions: string;
  officer_id: string;
  contact: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  closed_on: string | null;
  missiv_document_id: string | null;
  list_document_id: string | null;
  compilation_document_id: string | null;
}

/** A body on a consultation's distribution list: a unit, or an external body by name and e-mail. */
export interface ConsultationRecipientTable {
  id: string;
  consultation_id: string;
  unit_id: string | null;
  external_name: string | null;
  external_email: string | null;
  /** The distribution list's group: district, specialist or other. */
  list_group: string;
  state: string;
  /** The body's own deadline after an extension; null: the consultation's. */
  deadline: string | null;
  created_at: string;
  /** SHA-256 of the personal answer link's secret; the secret itself is only in the e-mail. */
  token_hash: string | null;
  link_expires_at: string | null;
  sent_at: string | null;
  opened_at: string | null;
  answered_on: string | null;
  answer_document_id: string | null;
  declined_on: string | null;
  decline_comment: string | null;
  /** The officer's summary of the answer and the body's position, for the compilation. */
  summary: string | null;
  position: string | null;
}

export interface ConsultationExtensionTable {
  id: string;
  recipient_id: string;
  requested_until: string;
  reason: string;
  requested_at: string;
  status: string;
  granted_until: string | null;
  decision_comment: string | null;
  decided_at: string | null;
  decided_by: string | null;
  request_document_id: string | null;
  decision_document_id: string | null;
}

export interface ConsultationReminderTable {
  id: string;
  recipient_id: string;
  reminder_key: string;
  kind: string;
  deadline: string;
  sent_at: string;
  sent_by: string | null;
}

/** The registered documents of the case sent as the consultation's material. */
export interface ConsultationMaterialTable {
  consultation_id: string;
  document_id: string;
}

/** An international engagement (domain.md §5); twin-city agreements are never stored (P2). */
export interface EngagementTable {
  id: string;
  tenant_id: string;
  case_id: string;
  type: string;
  title: string;
  unit_id: string;
  officer_id: string;
  scope: string;
  units_affected: number;
  political_level: string;
  adds_resource_burden: number;
  on_behalf_of: string;
  touches_state_relations: number;
  purpose: string;
  mutual_benefit: string | null;
  theme: string | null;
  start_date: string;
  end_date: string | null;
  /** Whole kronor. */
  cost: number | null;
  prioritised: number;
  status: string;
  review_date: string | null;
  last_reviewed_on: string | null;
  /** The decision routing (domain.md §6) as it stood when last saved. */
  deciding_body: string;
  deciding_unit_id: string | null;
  routing_rule: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface EngagementDirectionTable {
  engagement_id: string;
  direction: string;
}

export interface EngagementCounterpartTable {
  id: string;
  engagement_id: string;
  position: number;
  kind: string;
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface EngagementFinancingTable {
  id: string;
  engagement_id: string;
  position: number;
  source: string;
  funder: string | null;
  share_percent: number;
}

/** A decision on an engagement, registered as a document in its case. */
export interface EngagementDecisionTable {
  id: string;
  tenant_id: string;
  engagement_id: string;
  body: string;
  unit_id: string | null;
  decided_on: string;
  minutes_paragraph: string;
  outcome: string;
  conditions: string | null;
  document_id: string;
  recorded_by: string | null;
  created_at: string;
}

/** A received consultation between upload and confirmation (src/import/). */
export interface ImportDraftTable {
  id: string;
  tenant_id: string;
  file_name: string;
  sha256: string;
  size: number;
  file_type: string;
  /** "text" (the file's own text) or "ocr". */
  method: string;
  raw_text: string;
  repaired_text: string;
  /** JSON: the words the repair changed, [{before, after}]. */
  changes: string;
  /** JSON: the proposal as read (proposal.model.ts). */
  proposal: string;
  status: string;
  case_id: string | null;
  created_by: string | null;
  created_at: string;
  confirmed_at: string | null;
}

/** An international contact person of an administration or company; `ended_on` null while current. */
export interface ContactPersonTable {
  id: string;
  tenant_id: string;
  unit_id: string;
  name: string;
  email: string;
  phone: string | null;
  appointed_on: string;
  /** The head of the unit who made the appointment, as text. */
  appointed_by: string;
  ended_on: string | null;
  recorded_by: string | null;
  created_at: string;
}

/** A message sent to the whole contact network and registered as an outgoing document. */
export interface NetworkMessageTable {
  id: string;
  tenant_id: string;
  case_id: string;
  document_id: string;
  subject: string;
  body: string;
  recipients: number;
  sent_by: string | null;
  sent_at: string;
}

/** A unit's planned international work and budget for a year, and its follow-up (kronor). */
export interface EngagementPlanTable {
  id: string;
  tenant_id: string;
  unit_id: string;
  year: number;
  planned_work: string;
  budget: number;
  outcome: string | null;
  cost: number | null;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}

/** Something external monitoring noted: an event, trend, piece of research or ranking. */
export interface WatchItemTable {
  id: string;
  tenant_id: string;
  kind: string;
  title: string;
  summary: string;
  source: string | null;
  observed_on: string;
  created_by: string | null;
  created_at: string;
}

/** The city's rank and/or value in an index in a year. */
export interface CityComparisonTable {
  id: string;
  tenant_id: string;
  index_name: string;
  year: number;
  rank: number | null;
  value: number | null;
  source: string | null;
  created_by: string | null;
  created_at: string;
}

/** A request for a visit, from the public form or taken in by an officer; flags are 0/1 (null: not assessed). */
export interface VisitRequestTable {
  id: string;
  tenant_id: string;
  received_via: string;
  organisation: string;
  country: string;
  contact_name: string;
  contact_email: string;
  visit_from: string;
  visit_to: string;
  participants: number;
  purpose: string;
  political_level: string;
  coordinator: string;
  coordinator_unit_id: string | null;
  routing_rule: string;
  status: string;
  mutual_learning: number | null;
  new_perspectives: number | null;
  service_development: number | null;
  raised_competence: number | null;
  city_image: number | null;
  resident_ties: number | null;
  assessment_note: string | null;
  prioritised: number | null;
  assessed_by: string | null;
  assessed_at: string | null;
  outcome: string | null;
  outcome_note: string | null;
  referred_to: string | null;
  letter_kind: string | null;
  letter_document_id: string | null;
  engagement_id: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_by: string | null;
  received_at: string;
}

export interface VisitRequestUnitTable {
  visit_request_id: string;
  unit_id: string;
}

/** A review of a membership or agreement (P4). */
export interface EngagementReviewTable {
  id: string;
  tenant_id: string;
  engagement_id: string;
  reviewed_on: string;
  outcome: string;
  note: string;
  /** Null when the outcome ends the engagement. */
  next_review_on: string | null;
  reviewed_by: string | null;
  created_at: string;
}

/** A reminder sent to an engagement's officer; unique per engagement, kind and due date. */
export interface ReviewReminderTable {
  id: string;
  tenant_id: string;
  engagement_id: string;
  kind: string;
  due_on: string;
  sent_to: string;
  created_at: string;
}
