import type { Translate } from "../../../platform/i18n/index.ts";
import type { WordBlock, WordTable } from "../../../platform/text/word-writer.ts";
import {
  type ConsultationDetails,
  LIST_GROUPS,
  type ListGroup,
  type Recipient,
} from "../consultation.model.ts";

/** One body's part of the compilation: its answer (with the text read from its file) or its decline. */
export interface CompiledAnswer {
  recipient: Recipient;
  /** The answer's text as extracted from its Word, PDF or ODT file; null if none could be read. */
  text: string | null;
}

/** All answers of a round grouped as the distribution list, and the bodies that gave none. */
export interface Compilation {
  consultation: ConsultationDetails;
  diaryNumber: string;
  groups: { group: ListGroup; answers: CompiledAnswer[] }[];
  unanswered: Recipient[];
}

const hasReplied = (r: Recipient) => r.answeredOn !== null || r.declinedOn !== null;

export function compile(
  consultation: ConsultationDetails,
  diaryNumber: string,
  texts: ReadonlyMap<string, string | null>,
): Compilation {
  return {
    consultation,
    diaryNumber,
    groups: LIST_GROUPS.map((group) => ({
      group,
      answers: consultation.recipients[group].filter(hasReplied).map((recipient) => ({
        recipient,
        text: recipient.answerDocumentId ? (texts.get(recipient.answerDocumentId) ?? null) : null,
      })),
    })).filter((g) => g.answers.length > 0),
    unanswered: LIST_GROUPS.flatMap((g) => consultation.recipients[g]).filter(
      (r) => r.state !== "not_sent" && !hasReplied(r),
    ),
  };
}

/**
 * The overview that opens the compilation: every body sent the round, in the distribution list's
 * order, with its position (or why it has none: declined, no answer, not yet assessed) and the
 * officer's summary (or the decline's comment).
 */
export function overviewTable(t: Translate, k: ConsultationDetails): WordTable {
  const bodies = LIST_GROUPS.flatMap((g) => k.recipients[g]).filter((r) => r.state !== "not_sent");
  const position = (r: Recipient) =>
    r.answeredOn
      ? r.position
        ? t(`round.position.${r.position}`)
        : t("round.not_assessed")
      : t(`consultation.recipient_state.${r.state}`);
  return {
    caption: t("round.overview_caption", { count: bodies.length }),
    head: [t("consultation.recipient"), t("round.position"), t("round.summary")],
    rows: bodies.map((r) => [r.name, position(r), r.summary ?? r.declineComment ?? "–"]),
  };
}

/** The compilation (sammanställning av remissvar) as blocks for the Word file: the overview first, then the full answers. */
export function compilationBlocks(t: Translate, x: Compilation): { title: string; blocks: WordBlock[] } {
  const k = x.consultation;
  const answerBlocks = (a: CompiledAnswer): WordBlock[] => {
    const r = a.recipient;
    if (r.declinedOn)
      return [
        { subheading: r.name },
        { paragraph: t("round.compiled_declined", { date: r.declinedOn }) },
        { paragraph: r.declineComment ?? "" },
      ];
    return [
      { subheading: r.name },
      {
        paragraph: t(r.state === "answered_late" ? "round.compiled_late" : "round.compiled_on_time", {
          date: r.answeredOn ?? "",
          deadline: r.deadline,
        }),
      },
      {
        paragraph: `${t("round.position")}: ${r.position ? t(`round.position.${r.position}`) : t("round.not_assessed")}`,
      },
      ...(r.summary ? [{ paragraph: `${t("round.summary")}: ${r.summary}` }] : []),
      { paragraph: a.text ?? t("round.compiled_no_text") },
    ];
  };
  return {
    title: t("round.compilation_title", { title: k.title }),
    blocks: [
      { paragraph: t("round.compilation_reference", { number: x.diaryNumber, deadline: k.deadline }) },
      { heading: t("round.overview_heading") },
      { table: overviewTable(t, k) },
      ...x.groups.flatMap((g): WordBlock[] => [
        { heading: t(`consultation.list_group.${g.group}`) },
        ...g.answers.flatMap(answerBlocks),
      ]),
      { heading: t("round.unanswered_heading", { count: x.unanswered.length }) },
      ...(x.unanswered.length > 0
        ? x.unanswered.map((r) => ({ paragraph: r.name }))
        : [{ paragraph: t("round.unanswered_none") }]),
    ],
  };
}
