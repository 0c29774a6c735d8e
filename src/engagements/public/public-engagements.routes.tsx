import type { FastifyInstance, FastifyRequest } from "fastify";
import { stockholmDate } from "../../platform/calendar/civil-date.ts";
import { csvDocument } from "../../platform/csv.ts";
import { ValidationError } from "../../platform/errors.ts";
import type { Translate } from "../../platform/i18n/index.ts";
import { readForm } from "../../platform/validation.ts";
import { sendPage, viewFor } from "../../web/render.ts";
import { periodYears } from "../costs.ts";
import { matchesFilter, type PublicEngagement, publicFilterSchema } from "./public-engagements.model.ts";
import { publicEngagements } from "./public-engagements.service.ts";
import {
  type FilterChoices,
  type FilterValues,
  PublicEngagementsPage,
} from "./views/PublicEngagementsPage.tsx";

const FILTER_NAMES = ["type", "direction", "country", "year", "unit"] as const;

/** The filter's fields as typed in the query string (the first of a repeated one). */
function filterValues(req: FastifyRequest): FilterValues {
  const q = (req.query ?? {}) as Record<string, unknown>;
  const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  return Object.fromEntries(
    FILTER_NAMES.map((n) => {
      const v = first(q[n]);
      return [n, typeof v === "string" ? v.slice(0, 100) : ""];
    }),
  ) as FilterValues;
}

/** The countries, years and units the decided engagements have, for the filter's lists. */
function choicesOf(all: PublicEngagement[], thisYear: number): FilterChoices {
  const units = new Map(all.map((e) => [e.unit.id, e.unit.name]));
  return {
    countries: [...new Set(all.flatMap((e) => e.counterparts.map((c) => c.country)))],
    years: [...new Set(all.flatMap((e) => periodYears(e.startDate, e.endDate, thisYear)))].sort(
      (a, b) => b - a,
    ),
    units: [...units].sort((a, b) => a[1].localeCompare(b[1], "sv")),
  };
}

/** One line per engagement and year, so the file adds up by year as it stands. */
function engagementsCsv(engagements: PublicEngagement[], t: Translate): string {
  const head = [
    t("engagement.type"),
    t("engagement.title"),
    t("public_engagements.unit"),
    t("public_engagements.counterparts"),
    t("engagement.directions"),
    t("engagement.purpose"),
    t("engagement.start_date"),
    t("engagement.end_date"),
    t("engagement.decision_body"),
    t("engagement.decided_on"),
    t("engagement.minutes_paragraph"),
    t("public_engagements.diary_number"),
    t("cost.year"),
    t("cost.total"),
    t("cost.city"),
    t("cost.external"),
  ];
  const rows = engagements.flatMap((e) => {
    const facts = [
      t(`engagement.type.${e.type}`),
      e.title,
      e.unit.name,
      e.counterparts.map((c) => `${c.name} (${c.countryName})`).join("; "),
      e.directions.map((d) => t(`engagement.direction.${d}`)).join("; "),
      e.purpose,
      e.startDate,
      e.endDate,
      e.decision?.bodyName ?? null,
      e.decision?.decidedOn ?? null,
      e.decision?.minutesParagraph ?? null,
      e.decision?.diaryNumber ?? null,
    ];
    return e.costByYear.length === 0
      ? [[...facts, null, null, null, null]]
      : e.costByYear.map((c) => [...facts, c.year, c.total, c.city, c.external]);
  });
  return csvDocument([head, ...rows]);
}

/** The public page of the city's decided international engagements and its CSV (no sign-in). */
export async function publicEngagementsRoutes(app: FastifyInstance) {
  const { ctx } = app;

  app.get("/offentlig/internationellt", async (req, reply) => {
    const values = filterValues(req);
    const { data, errors } = readForm(publicFilterSchema, values);
    const filter = data ?? {};
    const all = await publicEngagements(ctx, req.t, req.locale);
    const query = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== "")).toString();
    return sendPage(
      reply,
      <PublicEngagementsPage
        view={viewFor(req, reply)}
        engagements={all.filter((e) => matchesFilter(e, filter))}
        filter={filter}
        values={values}
        choices={choicesOf(all, Number(stockholmDate(ctx.clock.now()).slice(0, 4)))}
        errors={errors}
        query={errors.length > 0 ? "" : query}
      />,
      errors.length > 0 ? 422 : 200,
    );
  });

  app.get("/offentlig/internationellt.csv", async (req, reply) => {
    const { data, errors } = readForm(publicFilterSchema, filterValues(req));
    if (!data) throw new ValidationError(errors);
    const all = await publicEngagements(ctx, req.t, req.locale);
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="${req.t("public_engagements.csv_file")}.csv"`)
      .send(
        engagementsCsv(
          all.filter((e) => matchesFilter(e, data)),
          req.t,
        ),
      );
  });
}
