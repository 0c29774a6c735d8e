import type { Migration } from "kysely";
import * as foundation from "./2026-11-29-0001-foundation.ts";
import * as registryCases from "./2026-11-29-0002-registry-cases.ts";
import * as registryDocuments from "./2026-11-29-0003-registry-documents.ts";
import * as registrySearch from "./2026-11-29-0004-registry-search.ts";
import * as registryDisposal from "./2026-11-29-0005-registry-disposal.ts";
import * as registryListIndexes from "./2026-11-29-0006-registry-list-indexes.ts";
import * as consultations from "./2026-11-29-0007-consultations.ts";
import * as consultationRounds from "./2026-11-29-0008-consultation-rounds.ts";
import * as engagements from "./2026-11-29-0009-engagements.ts";
import * as engagementFollowup from "./2026-11-29-0011-engagement-followup.ts";
import * as visitsReviews from "./2026-11-29-0012-visits-reviews.ts";
import * as importDrafts from "./2026-11-29-0013-import.ts";
import * as referenceVersions from "./2026-11-29-0014-reference-versions.ts";
import * as searchParts from "./2026-11-29-0015-search-parts.ts";
import * as secrecyGrounds from "./2026-12-06-0016-secrecy-grounds.ts";
import * as auditKey from "./2026-12-06-0017-audit-key.ts";
import * as loginThrottle from "./2026-12-06-0018-login-throttle.ts";
import * as consultationDiscard from "./2026-12-06-0019-consultation-discard.ts";
import * as copyRequestDecisions from "./2026-12-06-0020-copy-request-decisions.ts";
import * as classVersions from "./2026-12-06-0021-class-versions.ts";
import * as importReading from "./2026-12-07-0201-import-reading.ts";
import * as mailIntake from "./2026-12-07-0301-mail-intake.ts";
import * as engagementCosts from "./2026-12-08-0101-engagement-costs.ts";
import * as unitLetterhead from "./2026-12-08-0201-unit-letterhead.ts";
import * as mailIntakeFailures from "./2026-12-08-0301-mail-intake-failures.ts";
import * as networkReviews from "./2026-12-09-0201-network-reviews.ts";
import * as oidc from "./2026-12-09-0301-oidc.ts";
import * as mailDelivery from "./2026-12-09-0401-mail-delivery.ts";
import * as visitRegistry from "./2026-12-10-0101-visit-registry.ts";
import * as engagementUnits from "./2026-12-10-0102-engagement-units.ts";
import * as officerReports from "./2026-12-10-0201-officer-reports.ts";
import * as meetings from "./2026-12-10-0301-meetings.ts";

/** Every migration in order. Names are date-prefixed; files are frozen once landed. */
export const MIGRATIONS: Record<string, Migration> = {
  "2026-11-29-0001-foundation": foundation,
  "2026-11-29-0002-registry-cases": registryCases,
  "2026-11-29-0003-registry-documents": registryDocuments,
  "2026-11-29-0004-registry-search": registrySearch,
  "2026-11-29-0005-registry-disposal": registryDisposal,
  "2026-11-29-0006-registry-list-indexes": registryListIndexes,
  "2026-11-29-0007-consultations": consultations,
  "2026-11-29-0008-consultation-rounds": consultationRounds,
  "2026-11-29-0009-engagements": engagements,
  "2026-11-29-0013-import": importDrafts,
  "2026-11-29-0011-engagement-followup": engagementFollowup,
  "2026-11-29-0012-visits-reviews": visitsReviews,
  "2026-11-29-0014-reference-versions": referenceVersions,
  "2026-11-29-0015-search-parts": searchParts,
  "2026-12-06-0016-secrecy-grounds": secrecyGrounds,
  "2026-12-06-0017-audit-key": auditKey,
  "2026-12-06-0018-login-throttle": loginThrottle,
  "2026-12-06-0019-consultation-discard": consultationDiscard,
  "2026-12-06-0020-copy-request-decisions": copyRequestDecisions,
  "2026-12-06-0021-class-versions": classVersions,
  "2026-12-07-0201-import-reading": importReading,
  "2026-12-07-0301-mail-intake": mailIntake,
  "2026-12-08-0101-engagement-costs": engagementCosts,
  "2026-12-08-0201-unit-letterhead": unitLetterhead,
  "2026-12-08-0301-mail-intake-failures": mailIntakeFailures,
  "2026-12-09-0201-network-reviews": networkReviews,
  "2026-12-09-0301-oidc": oidc,
  "2026-12-09-0401-mail-delivery": mailDelivery,
  "2026-12-10-0101-visit-registry": visitRegistry,
  "2026-12-10-0102-engagement-units": engagementUnits,
  "2026-12-10-0201-officer-reports": officerReports,
  "2026-12-10-0301-meetings": meetings,
};
