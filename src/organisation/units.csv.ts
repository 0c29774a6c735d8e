import { csvDocument } from "../platform/csv.ts";
import type { Translate } from "../platform/i18n/index.ts";
import type { Unit } from "./units.model.ts";

/** The organisation as CSV (semicolon-separated, as Swedish Excel expects), with a BOM for Excel. */
export function unitsCsv(units: Unit[], t: Translate): string {
  const byId = new Map(units.map((u) => [u.id, u]));
  const header = [
    "ID",
    t("unit.name"),
    t("unit.short_name"),
    t("unit.type"),
    t("unit.parent"),
    t("unit.email"),
    t("unit.functional_mailbox"),
    t("unit.phone"),
    t("unit.address"),
    t("unit.visiting_address"),
    t("unit.web"),
  ];
  const rows = units.map((u) => [
    u.id,
    u.name,
    u.shortName,
    t(`unit.types.${u.type}`),
    u.parentId ? (byId.get(u.parentId)?.name ?? u.parentId) : null,
    u.email,
    u.functionalMailbox,
    u.phone,
    u.address,
    u.visitingAddress,
    u.web,
  ]);
  return csvDocument([header, ...rows]);
}
