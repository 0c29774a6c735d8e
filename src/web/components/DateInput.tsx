import type { FieldError } from "../../platform/errors.ts";
import type { View } from "../view.ts";
import { Fieldset } from "./Fieldset.tsx";
import { errorFor } from "./messages.ts";

/**
 * A date as three inputs (year, month, day) in a fieldset, as the GOV.UK date input. The parts
 * are posted as `name-year`, `name-month` and `name-day` and folded into `name` before any route
 * reads them (platform/http/date-parts.ts).
 */
export function DateInput(props: {
  view: View;
  name: string;
  legend: string;
  value?: string | null | undefined;
  errors?: FieldError[];
  hint?: string;
}) {
  const { view, name, legend, value, errors = [], hint } = props;
  const [year = "", month = "", day = ""] = (value ?? "").split("-");
  const error = errorFor(errors, name);
  const part = (suffix: string, label: string, v: string, size: number) => (
    <div class="date-part">
      <label for={suffix === "year" ? name : `${name}-${suffix}`} safe>
        {label}
      </label>
      <input
        id={suffix === "year" ? name : `${name}-${suffix}`}
        name={`${name}-${suffix}`}
        inputmode="numeric"
        size={String(size)}
        maxlength={String(size)}
        value={v}
        aria-invalid={error ? "true" : undefined}
      />
    </div>
  );
  return (
    <Fieldset view={view} name={name} legend={legend} hint={hint} error={error}>
      <div class="date-input">
        {part("year", view.t("date.year"), year, 4)}
        {part("month", view.t("date.month"), month, 2)}
        {part("day", view.t("date.day"), day, 2)}
      </div>
    </Fieldset>
  );
}
