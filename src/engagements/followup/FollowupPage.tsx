import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";

export interface FollowupFigures {
  visitsWaiting: number;
  reviewsDue: number;
  unitsWithoutContact: number;
  lastYear: number;
}

/** The way into the follow-up of international work, with what waits for attention. */
export function FollowupPage({ view, figures: f }: { view: View; figures: FollowupFigures }) {
  const { t } = view;
  const links: [href: string, label: string, text: string][] = [
    ["/engagemang/besok", t("visit.list_title"), t("followup.hub_visits", { count: f.visitsWaiting })],
    ["/engagemang/oversyner", t("review.title"), t("followup.hub_reviews", { count: f.reviewsDue })],
    [
      "/engagemang/kontaktnat",
      t("network.title"),
      t("followup.hub_network", { count: f.unitsWithoutContact }),
    ],
    [
      `/engagemang/planer/${f.lastYear + 1}`,
      t("plan.title", { year: f.lastYear + 1 }),
      t("followup.hub_plans"),
    ],
    [
      `/engagemang/arsrapport/${f.lastYear}`,
      t("report.title", { year: f.lastYear }),
      t("followup.hub_report"),
    ],
    ["/engagemang/omvarld", t("monitoring.title"), t("followup.hub_monitoring")],
  ];
  return (
    <Layout view={view} title={t("followup.hub_title")}>
      <h1 safe>{t("followup.hub_title")}</h1>
      <ul class="link-list">
        {links.map(([href, label, text]) => (
          <li>
            <a href={href} safe>
              {label}
            </a>
            <p safe>{text}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
