import type { FieldError } from "../../platform/errors.ts";
import { ErrorSummary } from "../../web/components/ErrorSummary.tsx";
import { Field } from "../../web/components/Field.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import type { Registry } from "../registries.model.ts";

/** The e-archive delivery of a year (R10): choose a registry and the year its cases were closed. */
export function ArchiveDeliveryPage(props: {
  view: View;
  registries: Registry[];
  values: { registryId?: string | undefined; year?: string | undefined };
  errors: FieldError[];
}) {
  const { view, registries, values, errors } = props;
  const { t } = view;
  return (
    <Layout view={view} title={t("export.batch_title")} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <h1 safe>{t("export.batch_title")}</h1>
      <p safe>{t("export.batch_intro")}</p>
      <form method="get" action="/e-arkiv/leverans" novalidate>
        <Field
          view={view}
          name="registryId"
          label={t("export.registry")}
          value={values.registryId ?? registries[0]?.id}
          errors={errors}
          options={registries.map((r): [string, string] => [r.id, `${r.prefix} – ${r.name}`])}
        />
        <Field
          view={view}
          name="year"
          label={t("export.year")}
          hint={t("export.year_hint")}
          value={values.year}
          errors={errors}
          width="short"
        />
        <button type="submit" class="button" safe>
          {t("export.batch_submit")}
        </button>
      </form>
    </Layout>
  );
}
