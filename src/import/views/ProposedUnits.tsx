import type { Unit } from "../../organisation/index.ts";
import type { FieldError } from "../../platform/errors.ts";
import { Fieldset } from "../../web/components/Fieldset.tsx";
import { errorFor } from "../../web/components/messages.ts";
import type { View } from "../../web/view.ts";
import { matchedBodies } from "../imports.model.ts";
import type { BodyMatch } from "../proposal.model.ts";

/**
 * The city's units to send the consultation on to: first each unit a body of the document was
 * matched to, beside the body as written, ticked as proposed; the bodies matched to no unit of
 * the city (other authorities) named; and every other unit folded, to add by hand.
 */
export function ProposedUnits(props: {
  view: View;
  matches: BodyMatch[];
  bodies: string[];
  units: Unit[];
  checked: readonly string[];
  errors: FieldError[];
}) {
  const { view, units, checked } = props;
  const { t } = view;
  const name = "unitIds";
  const error = errorFor(props.errors, name);
  const byUnit = matchedBodies(props.matches);
  const proposed = units.filter((u) => byUnit.has(u.id));
  const others = units.filter((u) => !byUnit.has(u.id));
  const matched = new Set(props.matches.map((m) => m.body));
  const unmatched = props.bodies.filter((b) => !matched.has(b));
  let n = 0;
  const box = (unit: Unit, note: string | null) => {
    const id = n === 0 ? name : `${name}-${n}`;
    n += 1;
    return (
      <div class="field checkbox">
        <input type="checkbox" id={id} name={name} value={unit.id} checked={checked.includes(unit.id)} />
        <label for={id}>
          <span safe>{unit.name}</span>
          {note ? (
            <span class="hint" safe>
              {` – ${note}`}
            </span>
          ) : null}
        </label>
      </div>
    );
  };
  return (
    <Fieldset view={view} name={name} legend={t("import.units")} hint={t("import.units_hint")} error={error}>
      {proposed.length === 0 ? <p safe>{t("import.units_none_matched")}</p> : null}
      {proposed.map((u) => box(u, t("import.as_written", { bodies: (byUnit.get(u.id) ?? []).join("; ") })))}
      {unmatched.length > 0 ? (
        <p class="hint" safe>
          {t("import.bodies_unmatched", { bodies: unmatched.join("; ") })}
        </p>
      ) : null}
      <details open={proposed.length === 0 || others.some((u) => checked.includes(u.id)) || undefined}>
        <summary safe>{t("import.units_other", { count: others.length })}</summary>
        {others.map((u) => box(u, null))}
      </details>
    </Fieldset>
  );
}
