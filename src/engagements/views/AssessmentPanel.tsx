import type { View } from "../../web/view.ts";
import type { EngagementAssessment } from "../engagement-checks.ts";
import type { DecidingBody } from "../engagements.model.ts";
import type { PrincipleFinding } from "../principles.ts";

/** Who decides a body's matter, named for the reader: the unit's committee or board by the unit's name. */
export function bodyName(view: View, body: DecidingBody, unitName: string | null): string {
  if (body === "UNIT" && unitName) return view.t("engagement.body_of_unit", { unit: unitName });
  return view.t(`engagement.body.${body}`);
}

const Findings = ({ view, items }: { view: View; items: PrincipleFinding[] }) => (
  <ul>
    {items.map((f) => (
      <li safe>{view.t(f.message, f.params)}</li>
    ))}
  </ul>
);

/**
 * The strategy's verdict on an engagement: what blocks (when asked for), what to consider, and
 * who decides and why (domain.md §5, §6).
 */
export function AssessmentPanel(props: {
  view: View;
  assessment: EngagementAssessment;
  unitName: string | null;
  showErrors: boolean;
}) {
  const { view, assessment: a, unitName, showErrors } = props;
  const { t } = view;
  const errors = showErrors ? a.errors : [];
  return (
    <section class="notice" aria-labelledby="assessment-title" role="status">
      <h2 id="assessment-title" safe>
        {t("engagement.assessment_title")}
      </h2>
      {errors.length > 0 ? (
        <>
          <h3 safe>{t("engagement.errors_title")}</h3>
          <Findings view={view} items={errors} />
        </>
      ) : null}
      {a.warnings.length > 0 ? (
        <>
          <h3 safe>{t("engagement.warnings_title")}</h3>
          <Findings view={view} items={a.warnings} />
        </>
      ) : null}
      {a.errors.length === 0 && a.warnings.length === 0 ? <p safe>{t("engagement.no_findings")}</p> : null}
      <h2 safe>{t("engagement.routing_title")}</h2>
      <dl class="summary">
        <dt safe>{t("engagement.decided_by")}</dt>
        <dd safe>{bodyName(view, a.routing.body, unitName)}</dd>
        <dt safe>{t("engagement.reason")}</dt>
        <dd safe>{t(a.routing.reason)}</dd>
        {a.derived.reviewDate ? (
          <>
            <dt safe>{t("engagement.derived_review")}</dt>
            <dd safe>{a.derived.reviewDate}</dd>
          </>
        ) : null}
      </dl>
      <p class="hint" safe>
        {t("engagement.slk_advice")}
      </p>
    </section>
  );
}
