import type { WordBlock } from "../../../platform/text/word-writer.ts";

function Block({ block: b }: { block: WordBlock }) {
  if ("heading" in b) return <h2 safe>{b.heading}</h2>;
  if ("subheading" in b) return <h3 safe>{b.subheading}</h3>;
  if ("table" in b)
    return (
      <table>
        <caption safe>{b.table.caption}</caption>
        <thead>
          <tr>
            {b.table.head.map((h) => (
              <th scope="col" safe>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {b.table.rows.map((row) => (
            <tr>
              {row.map((v) => (
                <td safe>{String(v ?? "")}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    );
  return (
    <>
      {b.paragraph.split(/\r?\n/).map((line) => (
        <p safe>{line}</p>
      ))}
    </>
  );
}

/** A generated document's blocks as a page: the same text as its Word file, printable. */
export function Blocks({ blocks }: { blocks: readonly WordBlock[] }) {
  return (
    <>
      {blocks.map((block) => (
        <Block block={block} />
      ))}
    </>
  );
}
