import type { FieldError } from "../../platform/errors.ts";
import type { View } from "../view.ts";
import { InlineError } from "./InlineError.tsx";
import { errorFor } from "./messages.ts";

/**
 * A group of checkboxes sharing one name, in a fieldset with legend, hint and inline error (the
 * GOV.UK checkboxes pattern). The first box has the name as its id, so the error summary links to it.
 */
export function CheckboxList(props: {
  view: View;
  name: string;
  legend: string;
  hint?: string;
  options: [string, string][];
  checked: readonly string[];
  errors?: FieldError[];
}) {
  const { view, name, hint } = props;
  const error = errorFor(props.errors ?? [], name);
  const describedBy = [hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ");
  return (
    <fieldset class={error ? "field field-error" : "field"} aria-describedby={describedBy || undefined}>
      <legend safe>{props.legend}</legend>
      {hint ? (
        <p class="hint" id={`${name}-hint`} safe>
          {hint}
        </p>
      ) : null}
      <InlineError view={view} id={name} error={error} />
      {props.options.map(([value, label], i) => {
        const id = i === 0 ? name : `${name}-${i}`;
        return (
          <div class="field checkbox">
            <input
              type="checkbox"
              id={id}
              name={name}
              value={value}
              checked={props.checked.includes(value)}
            />
            <label for={id} safe>
              {label}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}
