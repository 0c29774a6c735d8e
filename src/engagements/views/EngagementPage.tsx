import type { ActorView } from "../../auth/index.ts";
import type { Case } from "../../registry/index.ts";
import { Table } from "../../web/components/Table.tsx";
import { Layout } from "../../web/Layout.tsx";
import { costsByYear, type YearCost } from "../costs.ts";
import { countryName } from "../countries.ts";
import type { EngagementAssessment } from "../engagement-checks.ts";
import {
  type Counterpart,
  decisionRole,
  type EngagementDecision,
  type EngagementDetails,
  engagementSubject,
  type Financing,
} from "../engagements.model.ts";
import { AssessmentPanel, bodyName } from "./AssessmentPanel.tsx";

/** An engagement: its facts, the principles' warnings, who decides and why, its decisions and its case. */
export function EngagementPage(props: {
  view: ActorView;
  engagement: EngagementDetails;
  assessment: EngagementAssessment;
  c: Case;
  /** The case's title as the reader may see it (its public title to all but the case's insiders). */
  caseTitle: string;
  unitName: string;
  /** The names of the units ticked as affected; empty for an older engagement that gave only a number. */
  affectedUnitNames: string[];
  officerName: string;
  /** The year an open period's yearly cost runs through. */
  thisYear: number;
}) {
  const { view, engagement: e, assessment, c, unitName } = props;
  const { t } = view;
  const yesNo = (b: boolean) => (b ? t("engagement.yes") : t("engagement.no"));
  const row = (label: string, value: string | null) => (
    <>
      <dt safe>{label}</dt>
      <dd safe>{value ?? "–"}</dd>
    </>
  );
  return (
    <Layout view={view} title={e.title}>
      <nav aria-label={t("layout.breadcrumbs")} class="breadcrumbs">
        <a href="/engagemang" safe>
          {t("engagement.list_title")}
        </a>
      </nav>
      <h1 safe>{e.title}</h1>
      <p>
        {view.can("engagement.manage", engagementSubject(e)) ? (
          <a href={`/engagemang/${e.id}/andra`} class="button secondary" safe>
            {t("engagement.edit")}
          </a>
        ) : null}{" "}
        {view.can("engagement.decide") ? (
          <a href={`/engagemang/${e.id}/beslut`} class="button" safe>
            {t("engagement.record_decision")}
          </a>
        ) : null}
      </p>
      <AssessmentPanel view={view} assessment={assessment} unitName={unitName} showErrors={true} />
      <h2 safe>{t("engagement.facts")}</h2>
      <dl class="summary">
        {row(t("engagement.type"), t(`engagement.type.${e.type}`))}
        {row(t("engagement.status"), t(`engagement.status.${e.status}`))}
        <dt safe>{t("engagement.case")}</dt>
        <dd>
          <a href={`/arenden/${c.id}`} safe>
            {`${c.diaryNumber} ${props.caseTitle}`}
          </a>
        </dd>
        {row(t("engagement.unit"), unitName)}
        {row(t("engagement.officer"), props.officerName)}
        {row(t("engagement.purpose"), e.purpose)}
        {row(t("engagement.directions"), e.directions.map((d) => t(`engagement.direction.${d}`)).join(", "))}
        {row(t("engagement.scope"), t(`engagement.scope.${e.scope}`))}
        {row(
          t("engagement.units_affected"),
          props.affectedUnitNames.length > 0
            ? `${e.unitsAffected}: ${props.affectedUnitNames.join(", ")}`
            : String(e.unitsAffected),
        )}
        {row(t("engagement.political_level"), t(`engagement.political_level.${e.politicalLevel}`))}
        {row(t("engagement.on_behalf_of"), t(`engagement.on_behalf_of.${e.onBehalfOf}`))}
        {row(t("engagement.adds_resource_burden"), yesNo(e.addsResourceBurden))}
        {row(t("engagement.touches_state_relations"), yesNo(e.touchesStateRelations))}
        {e.type === "visit" ? row(t("engagement.prioritised"), yesNo(e.prioritised)) : null}
        {row(t("engagement.mutual_benefit"), e.mutualBenefit)}
        {row(t("engagement.theme"), e.theme)}
        {row(t("engagement.start_date"), e.startDate)}
        {row(t("engagement.end_date"), e.endDate)}
        {e.reviewDate ? row(t("engagement.review_date"), e.reviewDate) : null}
        {e.lastReviewedOn ? row(t("engagement.last_reviewed_on"), e.lastReviewedOn) : null}
        {row(
          t("engagement.cost"),
          e.cost === null ? null : new Intl.NumberFormat(view.locale).format(e.cost),
        )}
      </dl>
      <h2 safe>{t("engagement.costs_by_year")}</h2>
      <CostTable view={view} costs={costsByYear(e, props.thisYear)} />
      <h2 safe>{t("engagement.counterparts")}</h2>
      <Table<Counterpart>
        caption={t("engagement.counterparts")}
        empty="–"
        rows={e.counterparts}
        columns={[
          {
            header: t("engagement.counterpart_name"),
            cell: (x) => <span safe>{x.name}</span>,
            rowHeader: true,
          },
          {
            header: t("engagement.counterpart_kind"),
            cell: (x) => <span safe>{t(`engagement.counterpart_kind.${x.kind}`)}</span>,
          },
          {
            header: t("engagement.counterpart_country"),
            cell: (x) => <span safe>{countryName(x.country, view.locale)}</span>,
          },
        ]}
      />
      <h2 safe>{t("engagement.financing")}</h2>
      <Table<Financing>
        caption={t("engagement.financing")}
        empty="–"
        rows={e.financing}
        columns={[
          {
            header: t("engagement.financing_source"),
            cell: (x) => <span safe>{t(`engagement.source.${x.source}`)}</span>,
            rowHeader: true,
          },
          { header: t("engagement.financing_funder"), cell: (x) => <span safe>{x.funder ?? "–"}</span> },
          {
            header: t("engagement.financing_share"),
            cell: (x) => <span safe>{`${x.sharePercent} %`}</span>,
            numeric: true,
          },
        ]}
      />
      <h2 safe>{t("engagement.decisions_title")}</h2>
      <Table<EngagementDecision>
        caption={t("engagement.decisions_caption")}
        empty={t("engagement.no_decisions")}
        rows={e.decisions}
        columns={[
          {
            header: t("engagement.decided_on"),
            cell: (d) => (
              <span class="nowrap" safe>
                {d.decidedOn}
              </span>
            ),
            rowHeader: true,
          },
          {
            header: t("engagement.decision_body"),
            cell: (d) => <span safe>{bodyName(view, d.body, unitName)}</span>,
          },
          { header: t("engagement.minutes_paragraph"), cell: (d) => <span safe>{d.minutesParagraph}</span> },
          {
            header: t("engagement.outcome"),
            cell: (d) => {
              const outcome = t(`engagement.outcome.${d.outcome}`);
              const proposes = decisionRole(d.body, e.decidingBody) === "proposes";
              return <span safe>{proposes ? t("engagement.proposed_to_kf", { outcome }) : outcome}</span>;
            },
          },
          { header: t("engagement.conditions"), cell: (d) => <span safe>{d.conditions ?? "–"}</span> },
          {
            header: t("engagement.document"),
            cell: (d) => (
              <a href={`/handlingar/${d.documentId}`} safe>
                {t("engagement.document")}
              </a>
            ),
          },
        ]}
      />
      {e.changes.length > 0 ? (
        <>
          <h2 safe>{t("engagement.changes_title")}</h2>
          <ul>
            {e.changes.map((ch) => (
              <li safe>
                {t("engagement.change_line", {
                  date: ch.createdAt.slice(0, 10),
                  facts: ch.changed.map((f) => t(`engagement.fact.${f}`)).join(", "),
                  reason: ch.reason,
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Layout>
  );
}

/** An engagement's cost per year, split into the city's share and external funding (`costs.ts`). */
function CostTable({ view, costs }: { view: ActorView; costs: YearCost[] }) {
  const { t } = view;
  const number = new Intl.NumberFormat(view.locale);
  const amount = (n: number) => <span safe>{number.format(n)}</span>;
  return (
    <Table<YearCost>
      caption={t("engagement.costs_by_year")}
      empty="–"
      rows={costs}
      columns={[
        { header: t("cost.year"), cell: (c) => <span safe>{String(c.year)}</span>, rowHeader: true },
        { header: t("cost.total"), cell: (c) => amount(c.total), numeric: true },
        { header: t("cost.city"), cell: (c) => amount(c.city), numeric: true },
        { header: t("cost.external"), cell: (c) => amount(c.external), numeric: true },
      ]}
    />
  );
}
