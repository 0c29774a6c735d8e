import type { View } from "../../../web/view.ts";
import type { DeadlineWarning } from "../deadlines.ts";

/** The deadline's warnings (short time, July): advice that does not block. */
export function DeadlineWarnings({ view, warnings }: { view: View; warnings: DeadlineWarning[] }) {
  if (warnings.length === 0) return null;
  const { t } = view;
  return (
    <div class="notice" role="status">
      <h2 safe>{t("consultation.warnings_heading")}</h2>
      <ul>
        {warnings.map((w) => (
          <li safe>
            {w.code === "shorter_than_minimum"
              ? t("consultation.warning.shorter_than_minimum", {
                  weeks: w.weeks,
                  minimumWeeks: w.minimumWeeks,
                })
              : t("consultation.warning.spans_july", { julyDays: w.julyDays })}
          </li>
        ))}
      </ul>
    </div>
  );
}
