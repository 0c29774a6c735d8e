// The engagement form's unit picker: shows its filter box (hidden without JavaScript) and, as one
// types, hides the units whose name and committee do not match, and the committees with none left.
// Ticked units always stay in view; a status line says how many units are shown.
for (const picker of document.querySelectorAll("[data-unit-picker]")) {
  const box = picker.querySelector("[data-unit-filter]");
  const input = box?.querySelector("input");
  if (!box || !input) continue;
  box.hidden = false;
  const matches = (element, query) => (element?.textContent ?? "").toLocaleLowerCase().includes(query);
  const status = box.querySelector("[data-unit-count]");
  input.addEventListener("input", () => {
    const query = input.value.trim().toLocaleLowerCase();
    let total = 0;
    for (const group of picker.querySelectorAll("[data-unit-group]")) {
      const groupMatches = matches(group.querySelector("legend"), query);
      let shown = 0;
      for (const unit of group.querySelectorAll("[data-unit]")) {
        const show = groupMatches || matches(unit, query) || unit.querySelector("input")?.checked === true;
        unit.hidden = !show;
        if (show) shown += 1;
      }
      group.hidden = shown === 0;
      total += shown;
    }
    if (status) status.textContent = (status.dataset.template ?? "").replace("{count}", String(total));
  });
}
