import type { FieldError } from "../../platform/errors.ts";
import { InlineError } from "../../web/components/InlineError.tsx";
import { errorFor } from "../../web/components/messages.ts";
import type { View } from "../../web/view.ts";

/** A single checkbox with its label after it, and its inline error. */
export function Checkbox(props: {
  view: View;
  name: string;
  label: string;
  checked: boolean;
  errors?: FieldError[];
}) {
  const error = errorFor(props.errors ?? [], props.name);
  return (
    <div class={error ? "field checkbox field-error" : "field checkbox"}>
      <InlineError view={props.view} id={props.name} error={error} />
      <input
        type="checkbox"
        id={props.name}
        name={props.name}
        checked={props.checked}
        aria-describedby={error ? `${props.name}-error` : undefined}
      />
      <label for={props.name} safe>
        {props.label}
      </label>
    </div>
  );
}

/** A file input with hint and inline error. */
export function FileInput(props: {
  view: View;
  name: string;
  label: string;
  hint: string;
  errors?: FieldError[];
}) {
  const error = errorFor(props.errors ?? [], props.name);
  const describedBy = `${props.name}-hint${error ? ` ${props.name}-error` : ""}`;
  return (
    <div class={error ? "field field-error" : "field"}>
      <label for={props.name} safe>
        {props.label}
      </label>
      <p class="hint" id={`${props.name}-hint`} safe>
        {props.hint}
      </p>
      <InlineError view={props.view} id={props.name} error={error} />
      <input
        type="file"
        id={props.name}
        name={props.name}
        aria-describedby={describedBy}
        aria-invalid={error ? "true" : undefined}
      />
    </div>
  );
}
