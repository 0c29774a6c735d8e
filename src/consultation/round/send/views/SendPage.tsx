import { ActionButton } from "../../../../web/components/Form.tsx";
import { Layout } from "../../../../web/Layout.tsx";
import type { View } from "../../../../web/view.ts";
import type { ConsultationDetails } from "../../consultation.model.ts";
import { Blocks } from "../../views/Blocks.tsx";
import type { RoundLetter } from "../letters.ts";

/** What will go out: the cover letter and the distribution list, then the button that sends them. */
export function SendPage(props: {
  view: View;
  consultation: ConsultationDetails;
  letters: RoundLetter[];
  withoutEmail: string[];
}) {
  const { view, consultation: k, letters, withoutEmail } = props;
  const { t } = view;
  const title = t("round.send_title", { title: k.title });
  return (
    <Layout view={view} title={title}>
      <nav aria-label={t("layout.breadcrumbs")} class="breadcrumbs">
        <a href={`/remisser/${k.id}`} safe>
          {t("round.back_to_consultation")}
        </a>
      </nav>
      <h1 safe>{title}</h1>
      <p safe>{t("round.send_explained")}</p>
      {withoutEmail.length > 0 ? (
        <div class="notice" role="note">
          <p safe>{t("round.send_without_email")}</p>
          <ul>
            {withoutEmail.map((name) => (
              <li safe>{name}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {letters.map((letter) => (
        <article class="letter">
          <h2 safe>{letter.title}</h2>
          <Blocks blocks={letter.blocks.map((b) => ("heading" in b ? { subheading: b.heading } : b))} />
        </article>
      ))}
      <ActionButton view={view} action={`/remisser/${k.id}/skicka`} label={t("round.send_button")} />
    </Layout>
  );
}
