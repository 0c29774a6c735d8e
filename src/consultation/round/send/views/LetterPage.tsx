import { Layout } from "../../../../web/Layout.tsx";
import type { View } from "../../../../web/view.ts";
import { Blocks } from "../../views/Blocks.tsx";
import type { RoundLetter } from "../letters.ts";

/** The cover letter or the distribution list as a printable page, with a link to its Word file. */
export function LetterPage(props: {
  view: View;
  consultationId: string;
  letter: RoundLetter;
  wordHref: string;
}) {
  const { view, consultationId, letter, wordHref } = props;
  return (
    <Layout view={view} title={letter.title}>
      <nav aria-label={view.t("layout.breadcrumbs")} class="breadcrumbs">
        <a href={`/remisser/${consultationId}`} safe>
          {view.t("round.back_to_consultation")}
        </a>
      </nav>
      <article class="letter">
        <h1 safe>{letter.title}</h1>
        <Blocks blocks={letter.blocks} />
      </article>
      <p>
        <a href={wordHref} safe>
          {view.t("round.download_word")}
        </a>
      </p>
    </Layout>
  );
}
