import type { FieldError } from "../platform/errors.ts";
import { fieldMessage } from "./components/messages.ts";
import { Layout } from "./Layout.tsx";
import type { View } from "./view.ts";

const TITLES = {
  400: "error.400.title",
  403: "error.403.title",
  404: "error.404.title",
  409: "error.409.title",
  410: "error.410.title",
  413: "error.413.title",
  414: "error.414.title",
  422: "error.422.title",
  429: "error.429.title",
  500: "error.500.title",
} as const;
const TEXTS = {
  400: "error.400.text",
  403: "error.403.text",
  404: "error.404.text",
  409: "error.409.text",
  410: "error.410.text",
  413: "error.413.text",
  414: "error.414.text",
  422: "error.422.text",
  429: "error.429.text",
  500: "error.500.text",
} as const;

type Known = keyof typeof TITLES;
const known = (status: number): Known => (status in TITLES ? (status as Known) : status >= 500 ? 500 : 400);

/** The page shown for a refused or failed request, in the reader's language. */
export function ErrorPage({
  view,
  status,
  fields = [],
}: {
  view: View;
  status: number;
  fields?: FieldError[];
}) {
  const s = known(status);
  return (
    <Layout view={view} title={view.t(TITLES[s])}>
      <h1 safe>{view.t(TITLES[s])}</h1>
      <p safe>{view.t(TEXTS[s])}</p>
      {fields.length > 0 ? (
        <ul>
          {fields.map((f) => (
            <li safe>{f.field ? `${f.field}: ${fieldMessage(view, f)}` : fieldMessage(view, f)}</li>
          ))}
        </ul>
      ) : null}
      <p>
        <a href="/" safe>
          {view.t("error.back_home")}
        </a>
      </p>
    </Layout>
  );
}
