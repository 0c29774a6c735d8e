import type { FieldError } from "../../platform/errors.ts";
import type { View } from "../view.ts";
import { fieldMessage } from "./messages.ts";

/** GOV.UK error summary: every problem at the top, each linking to its field. */
export function ErrorSummary({ view, errors }: { view: View; errors: FieldError[] }) {
  if (errors.length === 0) return "";
  return (
    <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" safe>
        {view.t("form.error_summary")}
      </h2>
      <ul>
        {errors.map((e) => (
          <li>
            <a href={`#${e.field || "main"}`} safe>
              {fieldMessage(view, e)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
