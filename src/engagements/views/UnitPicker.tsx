import type { FieldError } from "../../platform/errors.ts";
import { InlineError } from "../../web/components/InlineError.tsx";
import { errorFor } from "../../web/components/messages.ts";
import type { View } from "../../web/view.ts";
import type { UnitGroup } from "../unit-groups.ts";

const NAME = "affectedUnitIds";

/**
 * The affected units as checkboxes in a fieldset per committee or board, which works without
 * JavaScript; `unit-picker.js` shows the filter box and hides the units that do not match. An
 * engagement from before the picker, with a number and no units, keeps its number (hidden) until
 * units are ticked.
 */
export function UnitPicker(props: {
  view: View;
  groups: UnitGroup[];
  checked: readonly string[];
  /** The stored number of an engagement without ticked units, when more than one. */
  countBefore: number | null;
  errors: FieldError[];
}) {
  const { view, groups, checked, countBefore } = props;
  const t = view.t;
  const error = errorFor(props.errors, NAME);
  let index = 0;
  return (
    <fieldset
      class={error ? "field field-error unit-picker" : "field unit-picker"}
      aria-describedby={[`${NAME}-hint`, error ? `${NAME}-error` : ""].filter(Boolean).join(" ")}
      data-unit-picker
    >
      <legend safe>{t("engagement.affected_units")}</legend>
      <p class="hint" id={`${NAME}-hint`} safe>
        {t("engagement.affected_units_hint")}
      </p>
      {countBefore !== null ? (
        <p class="hint" safe>
          {t("engagement.affected_units_before", { count: countBefore })}
        </p>
      ) : null}
      <InlineError view={view} id={NAME} error={error} />
      {countBefore !== null ? <input type="hidden" name="unitsAffected" value={String(countBefore)} /> : null}
      <div class="field unit-filter" data-unit-filter hidden>
        <label for={`${NAME}-filter`} safe>
          {t("engagement.affected_units_filter")}
        </label>
        <input type="search" id={`${NAME}-filter`} autocomplete="off" />
        {/* Tells a screen reader how many units the filter leaves (WCAG 4.1.3). */}
        <p
          class="hint"
          role="status"
          data-unit-count
          data-template={t("engagement.affected_units_shown", { count: "{count}" })}
        ></p>
      </div>
      {groups.map((g) => (
        <fieldset class="unit-group" data-unit-group>
          <legend safe>{g.legend}</legend>
          {g.units.map(([id, name]) => {
            const inputId = index === 0 ? NAME : `${NAME}-${index}`;
            index += 1;
            return (
              <div class="field checkbox" data-unit>
                <input type="checkbox" id={inputId} name={NAME} value={id} checked={checked.includes(id)} />
                <label for={inputId} safe>
                  {name}
                </label>
              </div>
            );
          })}
        </fieldset>
      ))}
      <script src="/static/unit-picker.js" defer></script>
    </fieldset>
  );
}
