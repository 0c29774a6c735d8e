import type { FieldError } from "../../platform/errors.ts";
import type { View } from "../view.ts";
import { Fieldset } from "./Fieldset.tsx";
import { errorFor } from "./messages.ts";

/**
 * A group of checkboxes (or, with `radio`, radio buttons) sharing one name, in a fieldset with
 * legend, hint and inline error (the GOV.UK checkboxes and radios patterns). The first box has
 * the name as its id, so the error summary links to it.
 */
export function CheckboxList(props: {
  view: View;
  name: string;
  legend: string;
  hint?: string;
  options: [string, string][];
  checked: readonly string[];
  errors?: FieldError[];
  radio?: boolean;
}) {
  const { view, name, hint } = props;
  return (
    <Fieldset
      view={view}
      name={name}
      legend={props.legend}
      hint={hint}
      error={errorFor(props.errors ?? [], name)}
    >
      {props.options.map(([value, label], i) => {
        const id = i === 0 ? name : `${name}-${i}`;
        return (
          <div class="field checkbox">
            <input
              type={props.radio ? "radio" : "checkbox"}
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
    </Fieldset>
  );
}
