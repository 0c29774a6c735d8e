import type { FieldError } from "../../platform/errors.ts";
import { ErrorSummary } from "../../web/components/ErrorSummary.tsx";
import { Field } from "../../web/components/Field.tsx";
import { Form } from "../../web/components/Form.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";

export function LoginPage({
  view,
  errors,
  username,
  oidc,
  breakGlassOnly,
  next,
}: {
  view: View;
  errors: FieldError[];
  username: string;
  /** The city's OpenID provider is set up: offer its sign-in first. */
  oidc: boolean;
  /** Only the break-glass account signs in with a password. */
  breakGlassOnly: boolean;
  next: string;
}) {
  const { t } = view;
  const oidcStart = `/logga-in/oidc?${new URLSearchParams({ next })}`;
  return (
    <Layout view={view} title={t("auth.login_title")} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <h1 safe>{t("auth.login_title")}</h1>
      {oidc && (
        <p>
          <a class="button" href={oidcStart} safe>
            {t("oidc.login")}
          </a>
        </p>
      )}
      {oidc && <h2 safe>{t(breakGlassOnly ? "oidc.password_break_glass" : "oidc.password_heading")}</h2>}
      {breakGlassOnly && <p safe>{t("oidc.password_break_glass_text")}</p>}
      <Form view={view} action="/logga-in">
        <input type="hidden" name="next" value={next} />
        <Field
          view={view}
          name="username"
          label={t("auth.username")}
          value={username}
          errors={errors}
          autocomplete="username"
          required
        />
        <Field
          view={view}
          name="password"
          label={t("auth.password")}
          type="password"
          errors={errors}
          autocomplete="current-password"
          required
        />
        <button type="submit" class="button" safe>
          {t("auth.login")}
        </button>
      </Form>
    </Layout>
  );
}
