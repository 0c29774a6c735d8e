import type { Children } from "@kitajs/html";
import type { FieldError } from "../../platform/errors.ts";
import type { View } from "../view.ts";
import { InlineError } from "./InlineError.tsx";

/**
 * A group of inputs with one name: a fieldset with legend, hint and inline error (the GOV.UK
 * pattern), described by the hint and the error.
 */
export function Fieldset(props: {
  view: View;
  name: string;
  legend: string;
  hint?: string | undefined;
  error: FieldError | undefined;
  children: Children;
}) {
  const { view, name, hint, error } = props;
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
      {props.children}
    </fieldset>
  );
}
