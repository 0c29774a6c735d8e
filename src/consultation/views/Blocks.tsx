import type { WordBlock } from "../../platform/text/word-writer.ts";

/** A generated document's blocks as a page: the same text as its Word file, printable. */
export function Blocks({ blocks }: { blocks: readonly WordBlock[] }) {
  return (
    <>
      {blocks.map((b) =>
        "heading" in b ? (
          <h2 safe>{b.heading}</h2>
        ) : "subheading" in b ? (
          <h3 safe>{b.subheading}</h3>
        ) : (
          b.paragraph.split(/\r?\n/).map((line) => <p safe>{line}</p>)
        ),
      )}
    </>
  );
}
