import type { FieldError } from "../../platform/errors.ts";
import type { View } from "../view.ts";
import { fieldMessage } from "./messages.ts";

/** A field's error beside the field, with a hidden "Fel:" so screen readers announce it as one. */
export function InlineError({ view, id, error }: { view: View; id: string; error: FieldError | undefined }) {
  if (!error) return null;
  return (
    <p class="error-message" id={`${id}-error`}>
      <span class="visually-hidden" safe>
        {view.t("form.error_prefix")}
      </span>{" "}
      <span safe>{fieldMessage(view, error)}</span>
    </p>
  );
}
