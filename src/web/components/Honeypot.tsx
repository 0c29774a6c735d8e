import { TRAP_FIELD } from "../public-form.ts";
import type { View } from "../view.ts";

/** A trap for robots: hidden from people and assistive technology, filled in only by scripts. */
export function Honeypot({ view }: { view: View }) {
  return (
    <div class="honeypot">
      <label for={TRAP_FIELD} safe>
        {view.t("copy.website")}
      </label>
      <input type="text" id={TRAP_FIELD} name={TRAP_FIELD} tabindex="-1" autocomplete="off" />
    </div>
  );
}
