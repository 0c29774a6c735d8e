import type { ActorView } from "../../../../auth/index.ts";
import { type Case, caseSubject } from "../../../../registry/index.ts";
import { ActionButton } from "../../../../web/components/Form.tsx";
import { Table } from "../../../../web/components/Table.tsx";
import { Layout } from "../../../../web/Layout.tsx";
import {
  allowedActions,
  type ConsultationDetails,
  LIST_GROUPS,
  RECIPIENT_STATES,
  type Recipient,
} from "../../consultation.model.ts";
import type { DeadlineWarning } from "../../deadlines.ts";
import type { MaterialItem } from "../../material.ts";
import { isLate } from "../../tracking.ts";
import { DeadlineWarnings } from "../../views/DeadlineWarnings.tsx";
import type { BoardFilter } from "../board-filter.ts";

/**
 * A consultation as the reader may see it (the round, the case's title and the material already
 * shown per `round-view.ts`): its facts, the steps its status allows, the material and the tracking board,
 * the distribution list grouped as the remitteringsmapp with each body's state, filterable by
 * state, the late ones marked.
 */
export function ConsultationPage(props: {
  view: ActorView;
  consultation: ConsultationDetails;
  c: Case;
  /** The case's title as the reader may see it. */
  caseTitle: string;
  officer: string;
  material: MaterialItem[];
  warnings: DeadlineWarning[];
  filter: BoardFilter;
  counts: Record<BoardFilter, number>;
}) {
  const { view, consultation: k, c, caseTitle, officer, material, warnings, filter, counts } = props;
  const { t } = view;
  const base = `/remisser/${k.id}`;
  const manage = view.can("consultation.manage", caseSubject(c));
  const steps = allowedActions(k.status);
  const row = (label: string, value: string | null) => (
    <>
      <dt safe>{label}</dt>
      <dd safe>{value ?? "–"}</dd>
    </>
  );
  const shown = (r: Recipient) =>
    filter === "all" || (filter === "late" ? isLate(r.state) : r.state === filter);
  const filters: BoardFilter[] = ["all", "late", ...RECIPIENT_STATES.filter((s) => counts[s] > 0)];
  return (
    <Layout view={view} title={k.title}>
      <nav aria-label={t("layout.breadcrumbs")} class="breadcrumbs">
        <a href="/remisser" safe>
          {t("consultation.list_title")}
        </a>
      </nav>
      <h1 safe>{k.title}</h1>
      <DeadlineWarnings view={view} warnings={warnings} />
      <dl class="summary">
        <dt safe>{t("consultation.case")}</dt>
        <dd>
          <a href={`/arenden/${c.id}`} safe>
            {`${c.diaryNumber} ${caseTitle}`}
          </a>
        </dd>
        {row(t("consultation.status"), t(`consultation.status.${k.status}`))}
        {row(t("round.sent_on"), k.sentOn)}
        {row(t("consultation.deadline"), k.deadline)}
        {row(t("round.closed_on"), k.closedOn)}
        {row(t("consultation.officer"), officer)}
        {row(t("consultation.contact"), k.contact)}
        {row(t("consultation.instructions"), k.instructions)}
      </dl>
      <ul class="actions">
        <li>
          <a href={`${base}/missiv`} safe>
            {t("round.missiv")}
          </a>
        </li>
        <li>
          <a href={`${base}/remitteringsmapp`} safe>
            {t("round.distribution_list")}
          </a>
        </li>
        <li>
          <a href={`${base}/sista-svarsdag.ics`} safe>
            {t("round.calendar")}
          </a>
        </li>
        {manage && steps.includes("send") ? (
          <li>
            <a class="button" href={`${base}/skicka`} safe>
              {t("round.preview_and_send")}
            </a>
          </li>
        ) : null}
        {manage && steps.includes("edit") ? (
          <li>
            <a href={`${base}/andra`} safe>
              {t("consultation.edit_draft")}
            </a>
          </li>
        ) : null}
        {manage && steps.includes("discard") ? (
          <li>
            <a href={`${base}/kassera`} safe>
              {t("consultation.discard_draft")}
            </a>
          </li>
        ) : null}
        {manage && steps.includes("invite") ? (
          <li>
            <a href={`${base}/remissmote`} safe>
              {t("round.meeting_link")}
            </a>
          </li>
        ) : null}
        {manage && steps.includes("compile") ? (
          <li>
            <a href={`${base}/sammanstallning`} safe>
              {t("round.compilation")}
            </a>
          </li>
        ) : null}
      </ul>
      {manage && steps.includes("close") ? (
        <ActionButton view={view} action={`${base}/avsluta`} label={t("round.close_button")} secondary />
      ) : null}
      <h2 safe>{t("consultation.material")}</h2>
      {material.length > 0 ? (
        <ul>
          {material.map((d) => (
            <li>
              <a href={`/handlingar/${d.id}`} safe>
                {`${d.date} ${d.description}`}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p safe>{t("consultation.no_material")}</p>
      )}
      <h2 id="bevakning" safe>
        {t("consultation.distribution")}
      </h2>
      <p safe>{t("consultation.distribution_count", { count: counts.all })}</p>
      <nav aria-label={t("round.filter_label")}>
        <ul class="filters">
          {filters.map((f) => (
            <li>
              <a
                href={f === "all" ? `${base}#bevakning` : `${base}?state=${f}#bevakning`}
                aria-current={f === filter ? "true" : undefined}
                safe
              >
                {`${f === "all" ? t("round.filter_all") : f === "late" ? t("round.filter_late") : t(`consultation.recipient_state.${f}`)} (${counts[f]})`}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {LIST_GROUPS.filter((g) => k.recipients[g].some(shown)).map((g) => (
        <Table<Recipient>
          caption={t("consultation.group_count", {
            group: t(`consultation.list_group.${g}`),
            count: k.recipients[g].filter(shown).length,
          })}
          columns={[
            { header: t("consultation.recipient"), cell: (r) => <span safe>{r.name}</span>, rowHeader: true },
            {
              header: t("consultation.recipient_state"),
              cell: (r) =>
                isLate(r.state) ? (
                  <strong class="late" safe>
                    {`${t(`consultation.recipient_state.${r.state}`)} – ${t("round.late")}`}
                  </strong>
                ) : (
                  <span safe>{t(`consultation.recipient_state.${r.state}`)}</span>
                ),
            },
            {
              header: t("consultation.deadline"),
              cell: (r) => (
                <span safe>{r.extended ? `${r.deadline} (${t("round.own_deadline")})` : r.deadline}</span>
              ),
            },
            {
              header: t("round.answered"),
              cell: (r) =>
                r.answerDocumentId ? (
                  <a href={`/handlingar/${r.answerDocumentId}`} safe>
                    {r.answeredOn ?? ""}
                  </a>
                ) : (
                  <span safe>{r.declinedOn ?? "–"}</span>
                ),
            },
            ...(manage && k.status !== "draft"
              ? [
                  {
                    header: t("round.handle"),
                    cell: (r: Recipient) => (
                      <a href={`${base}/mottagare/${r.id}`} safe>
                        {t("round.handle_body", { body: r.name })}
                      </a>
                    ),
                  },
                ]
              : []),
          ]}
          rows={k.recipients[g].filter(shown)}
          empty=""
        />
      ))}
      {counts[filter] === 0 ? <p safe>{t("round.filter_empty")}</p> : null}
    </Layout>
  );
}
