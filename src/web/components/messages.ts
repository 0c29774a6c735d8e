import type { FieldError } from "../../platform/errors.ts";
import { isMessageKey } from "../../platform/i18n/index.ts";
import type { View } from "../view.ts";

/** A field error in the reader's language (keys are translated; finished text is kept). */
export function fieldMessage(view: View, error: FieldError): string {
  return isMessageKey(error.message) ? view.t(error.message, error.params) : error.message;
}

export const errorFor = (errors: FieldError[], field: string) => errors.find((e) => e.field === field);
