import { Table } from "../../web/components/Table.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import { sectionDateHeader, sectionTitle, type WorkItem, type WorkSection } from "../work.model.ts";

/** Each section shows its first items; the rest are on the page that handles them. */
const SHOWN = 10;

function Section({ view, section }: { view: View; section: WorkSection }) {
  const { t } = view;
  const title = t(sectionTitle(section.key));
  const id = `arbete-${section.key}`;
  const overdue = section.items.filter((i) => i.overdue).length;
  return (
    <section aria-labelledby={id}>
      <h2 id={id} safe>
        {`${title} (${section.items.length})`}
      </h2>
      {overdue > 0 ? (
        <p class="overdue" safe>
          {t("work.overdue_count", { count: overdue })}
        </p>
      ) : (
        ""
      )}
      <Table<WorkItem>
        caption={title}
        empty=""
        rows={section.items.slice(0, SHOWN)}
        columns={[
          {
            header: t("work.what"),
            rowHeader: true,
            cell: (i) => (
              <a href={i.href} safe>
                {i.text}
              </a>
            ),
          },
          { header: t("work.detail"), cell: (i) => <span safe>{i.detail}</span> },
          {
            header: t(sectionDateHeader(section.key)),
            cell: (i) => (
              <span class="nowrap" safe>
                {i.date}
              </span>
            ),
          },
          {
            header: t("work.state"),
            cell: (i) =>
              i.overdue ? (
                <strong class="overdue" safe>
                  {t("work.late")}
                </strong>
              ) : (
                "–"
              ),
          },
        ]}
      />
      <p>
        <a href={section.href} safe>
          {section.items.length > SHOWN
            ? t("work.see_all_count", { count: section.items.length })
            : t("work.handle_at", { page: title })}
        </a>
      </p>
    </section>
  );
}

/** The signed-in start page: what waits for this person today, most urgent kinds first. */
export function StartPage({ view, today, sections }: { view: View; today: string; sections: WorkSection[] }) {
  const { t } = view;
  return (
    <Layout view={view} title={t("work.title")}>
      <h1 safe>{t("work.title")}</h1>
      <p safe>{t("work.intro", { name: view.viewer.signedIn?.name ?? "", today })}</p>
      {sections.length === 0 ? (
        <p class="empty" safe>
          {t("work.nothing")}
        </p>
      ) : (
        <>
          <nav aria-label={t("work.summary")}>
            <ul class="work-summary">
              {sections.map((s) => (
                <li>
                  <a href={`#arbete-${s.key}`} safe>
                    {`${t(sectionTitle(s.key))}: ${s.items.length}`}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {sections.map((s) => (
            <Section view={view} section={s} />
          ))}
        </>
      )}
    </Layout>
  );
}
