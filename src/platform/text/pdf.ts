import { getDocumentProxy } from "unpdf";

export interface PdfBudget {
  /** Stop between pages once this much text is collected. */
  maxLength: number;
  /** Stop between pages once this is aborted (the caller's time limit). */
  signal: AbortSignal;
}

/**
 * The text layer of a PDF, page by page, stopping early at the budget; `complete` is false when
 * it stopped before the last page. A scanned PDF without a text layer gives "" (OCR comes later).
 */
export async function pdfText(
  bytes: Buffer,
  budget: PdfBudget,
): Promise<{ text: string; complete: boolean }> {
  // pdf.js may take over (detach) the array it is given: give it a copy, not the caller's bytes.
  const pdf = await getDocumentProxy(new Uint8Array(bytes), {
    isEvalSupported: false,
    verbosity: 0,
    stopAtErrors: false,
  });
  try {
    const pages: string[] = [];
    let length = 0;
    for (let number = 1; number <= pdf.numPages; number++) {
      if (length >= budget.maxLength || budget.signal.aborted)
        return { text: pages.join("\n\n"), complete: false };
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      const text = content.items
        .map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : ""))
        .join("");
      page.cleanup();
      pages.push(text);
      length += text.length;
    }
    return { text: pages.join("\n\n"), complete: true };
  } finally {
    await pdf.destroy();
  }
}
