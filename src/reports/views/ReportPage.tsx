import type { ActorView } from "../../auth/index.ts";
import { stockholmDateTime } from "../../platform/calendar/civil-date.ts";
import type { Case, RegistryDocument } from "../../registry/index.ts";
import { ActionButton } from "../../web/components/Form.tsx";
import { Layout } from "../../web/Layout.tsx";
import { awaiting, type OfficerReport, type ReportContent } from "../reports.model.ts";

/** A version of the report as the list of versions names it. */
export interface VersionLine {
  version: number;
  writtenAt: string;
  writtenBy: string;
}

/** A heading and its text, a paragraph per line; nothing when the text is empty. */
function Section({ heading, body }: { heading: string; body: string }) {
  if (body === "") return "";
  return (
    <>
      <h3 safe>{heading}</h3>
      {body.split(/\r?\n/).map((line) => (
        <p safe>{line}</p>
      ))}
    </>
  );
}

/** The sections of one version, in the city's order; empty optional sections are left out. */
function Sections(props: {
  view: ActorView;
  content: ReportContent;
  viewsLabel: string;
  attachments: RegistryDocument[];
}) {
  const { t } = props.view;
  const { content } = props;
  return (
    <>
      {content.addressedTo ? <p safe>{t("report.to", { body: content.addressedTo })}</p> : null}
      <h3 safe>{t("report.proposals")}</h3>
      <ol>
        {content.proposals.map((p) => (
          <li safe>{p}</li>
        ))}
      </ol>
      <Section heading={t("report.section_summary")} body={content.summary} />
      <Section heading={t("report.background")} body={content.background} />
      <Section heading={t("report.preparation")} body={content.preparation} />
      {content.positions ? (
        <table>
          <caption safe>{t("report.positions_caption", { title: content.positions.title })}</caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t("report.positions_body")}
              </th>
              <th scope="col" safe>
                {t("report.positions_position")}
              </th>
            </tr>
          </thead>
          <tbody>
            {content.positions.rows.map((r) => (
              <tr>
                <th scope="row" safe>
                  {r.body}
                </th>
                <td safe>{r.position}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Section heading={props.viewsLabel} body={content.views} />
      {props.attachments.length > 0 ? (
        <>
          <h3 safe>{t("report.attachments")}</h3>
          <ol>
            {props.attachments.map((d) => (
              <li>
                <a href={`/handlingar/${d.id}`} safe>
                  {d.description}
                </a>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </>
  );
}

/**
 * A report: the version read (the current one unless an earlier one is asked for), who signs and who
 * has approved the current version, the approve button for a signatory whose turn it is, and the
 * list of versions.
 */
export function ReportPage(props: {
  view: ActorView;
  c: Case;
  report: OfficerReport;
  shown: { version: number; content: ReportContent };
  viewsLabel: string;
  attachments: RegistryDocument[];
  names: ReadonlyMap<string, string>;
  versions: VersionLine[];
  canEdit: boolean;
}) {
  const { view, c, report, shown, names } = props;
  const { t } = view;
  const name = (id: string) => names.get(id) ?? id;
  const me = view.actor.kind === "user" ? view.actor.id : null;
  const myTurn =
    report.status === "draft" && me !== null && awaiting(report.content, report.approvals).includes(me);
  const title = `${shown.content.title} – ${t("report.document_kind")}`;
  return (
    <Layout view={view} title={title}>
      <nav aria-label={t("layout.breadcrumbs")} class="breadcrumbs">
        <a href={`/arenden/${c.id}`} safe>
          {c.diaryNumber}
        </a>
      </nav>
      <p class="muted" safe>
        {`${t("report.document_kind")} · ${c.diaryNumber} · ${t(`report.status.${report.status}`)}`}
      </p>
      <h1 safe>{shown.content.title}</h1>
      <p safe>{`${t("report.officer")}: ${name(report.officerId)}`}</p>
      {report.documentId ? (
        <p class="notice">
          <span safe>{t("report.approved_note", { version: report.approvedVersion ?? report.version })}</span>{" "}
          <a href={`/handlingar/${report.documentId}`} safe>
            {t("report.open_document")}
          </a>
        </p>
      ) : null}
      {shown.version !== report.version ? (
        <p class="notice">
          <span safe>{t("report.showing_version", { version: shown.version, current: report.version })}</span>{" "}
          <a href={`/tjansteutlatanden/${report.id}`} safe>
            {t("report.read_current")}
          </a>
        </p>
      ) : null}
      <h2 id="signing" safe>
        {t("report.signing")}
      </h2>
      <ul>
        {report.content.signatoryIds.map((id) => {
          const a = report.approvals.find((x) => x.userId === id);
          return (
            <li safe>
              {a
                ? t("report.approved_by", {
                    name: a.name,
                    version: a.version,
                    at: stockholmDateTime(new Date(a.approvedAt)),
                  })
                : t("report.waiting_for", { name: name(id) })}
            </li>
          );
        })}
      </ul>
      {myTurn ? (
        <div class="notice">
          <p safe>{t("report.your_turn")}</p>
          <ActionButton
            view={view}
            action={`/tjansteutlatanden/${report.id}/godkann`}
            label={t("report.approve", { version: report.version })}
            hidden={{ version: String(report.version) }}
          />
        </div>
      ) : null}
      {props.canEdit && report.status === "draft" ? (
        <p>
          <a class="button secondary" href={`/tjansteutlatanden/${report.id}/andra`} safe>
            {t("report.edit")}
          </a>
        </p>
      ) : null}
      <h2 safe>{t("report.version_heading", { version: shown.version })}</h2>
      <Sections
        view={view}
        content={shown.content}
        viewsLabel={props.viewsLabel}
        attachments={props.attachments}
      />
      <h2 safe>{t("report.versions")}</h2>
      <ul>
        {props.versions.map((v) => (
          <li>
            <a href={`/tjansteutlatanden/${report.id}?version=${v.version}`} safe>
              {t("report.version_line", {
                version: v.version,
                at: stockholmDateTime(new Date(v.writtenAt)),
                name: v.writtenBy,
              })}
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
