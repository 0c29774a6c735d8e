import { AsyncLocalStorage } from "node:async_hooks";

/** Told each time a page has been read: pages read so far, of how many. */
export type PageProgress = (page: number, pages: number) => Promise<unknown> | undefined;

interface Reading {
  report: PageProgress;
  /** Stops the external readers (tesseract, poppler) when the server stops. */
  signal: AbortSignal | undefined;
}

/**
 * The background reading in this asynchronous context. The reader sets it around the whole
 * analysis, so the page loop deep in the OCR reports its progress (and stops on the signal)
 * without every step between (reading, repair, extraction) having to pass them along.
 */
const reading = new AsyncLocalStorage<Reading>();

export const withReading = <T>(r: Reading, work: () => Promise<T>): Promise<T> => reading.run(r, work);

export const currentReading = (): Reading | undefined => reading.getStore();
