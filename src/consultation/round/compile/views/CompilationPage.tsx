import type { WordBlock } from "../../../../platform/text/word-writer.ts";
import { ActionButton } from "../../../../web/components/Form.tsx";
import { Layout } from "../../../../web/Layout.tsx";
import type { View } from "../../../../web/view.ts";
import { Blocks } from "../../views/Blocks.tsx";

/** The compilation of answers as a page, with its Word file and the step that registers it. */
export function CompilationPage(props: {
  view: View;
  consultationId: string;
  title: string;
  blocks: WordBlock[];
  canRegister: boolean;
  registeredDocumentId: string | null;
}) {
  const { view, consultationId, title, blocks, canRegister, registeredDocumentId } = props;
  const { t } = view;
  const base = `/remisser/${consultationId}`;
  return (
    <Layout view={view} title={title}>
      <nav aria-label={t("layout.breadcrumbs")} class="breadcrumbs">
        <a href={base} safe>
          {t("round.back_to_consultation")}
        </a>
      </nav>
      <h1 safe>{title}</h1>
      <ul class="actions">
        <li>
          <a href={`${base}/sammanstallning.docx`} safe>
            {t("round.download_word")}
          </a>
        </li>
        {registeredDocumentId ? (
          <li>
            <a href={`/handlingar/${registeredDocumentId}`} safe>
              {t("round.registered_compilation")}
            </a>
          </li>
        ) : null}
      </ul>
      {canRegister ? (
        <ActionButton
          view={view}
          action={`${base}/sammanstallning`}
          label={t("round.register_compilation")}
        />
      ) : null}
      <article class="letter">
        <Blocks blocks={blocks} />
      </article>
    </Layout>
  );
}
