import { z } from "zod";
import type { FieldError } from "../../../platform/errors.ts";
import { blankToUndefined } from "../../../platform/validation.ts";

/** An answer comes as a Word, PDF or ODT file, or as the text of the form (written to a Word file). */
const ANSWER_EXTENSIONS = /\.(docx|pdf|odt)$/i;

export const answerInputSchema = z.strictObject({
  text: z.preprocess(blankToUndefined, z.string().trim().max(100_000).optional()),
});

/** An answer is one file of an accepted type or a text, never both and never neither. */
export function answerFileErrors(
  file: { fileName: string } | null,
  text: string | undefined,
  textRead: boolean,
): FieldError[] {
  const errors: FieldError[] = [];
  if (file && !ANSWER_EXTENSIONS.test(file.fileName))
    errors.push({ field: "file", message: "round.answer_file_type" });
  if (file && text) errors.push({ field: "text", message: "round.answer_one_way" });
  if (!file && !text && textRead) errors.push({ field: "file", message: "round.answer_required" });
  return errors;
}

/** A body that declines to answer (avstår) says why. */
export const declineInputSchema = z.strictObject({
  comment: z
    .string({ error: "round.comment_required" })
    .trim()
    .min(1, { error: "round.comment_required" })
    .max(5000),
});
