import type { FieldError } from "../../platform/errors.ts";
import { ErrorSummary } from "../../web/components/ErrorSummary.tsx";
import { Field } from "../../web/components/Field.tsx";
import { ActionButton, Form } from "../../web/components/Form.tsx";
import { Table } from "../../web/components/Table.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import type { SessionRow } from "../sessions.store.ts";

interface TokenSummary {
  id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace("T", " ") : "–");

export function AccountPage(props: {
  view: View;
  sessions: SessionRow[];
  tokens: TokenSummary[];
  errors: FieldError[];
  newToken: string | null;
}) {
  const { view, sessions, tokens, errors, newToken } = props;
  const { t } = view;
  return (
    <Layout view={view} title={t("account.title")} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <h1 safe>{t("account.title")}</h1>

      <h2 safe>{t("account.sessions")}</h2>
      <Table
        caption={t("account.sessions_caption")}
        empty={t("account.no_sessions")}
        rows={sessions}
        columns={[
          {
            header: t("account.session_started"),
            cell: (s) => <span safe>{when(s.created_at)}</span>,
            rowHeader: true,
          },
          { header: t("account.session_last_seen"), cell: (s) => <span safe>{when(s.last_seen_at)}</span> },
          { header: t("account.session_client"), cell: (s) => <span safe>{s.user_agent ?? "–"}</span> },
        ]}
      />
      <ActionButton view={view} action="/logga-ut-overallt" label={t("auth.logout_everywhere")} secondary />

      <h2 safe>{t("account.tokens")}</h2>
      <p safe>{t("account.tokens_intro")}</p>
      {newToken ? (
        <div class="notice" role="status">
          <p safe>{t("account.token_created")}</p>
          <p>
            <code class="token" safe>
              {newToken}
            </code>
          </p>
        </div>
      ) : null}
      <Table
        caption={t("account.tokens_caption")}
        empty={t("account.no_tokens")}
        rows={tokens}
        columns={[
          { header: t("account.token_name"), cell: (k) => <span safe>{k.name}</span>, rowHeader: true },
          { header: t("account.token_created_at"), cell: (k) => <span safe>{when(k.created_at)}</span> },
          { header: t("account.token_last_used"), cell: (k) => <span safe>{when(k.last_used_at)}</span> },
          {
            header: t("account.token_status"),
            cell: (k) =>
              k.revoked_at ? (
                <span safe>{t("account.token_revoked", { at: when(k.revoked_at) })}</span>
              ) : (
                <ActionButton
                  view={view}
                  action={`/konto/nycklar/${k.id}/aterkalla`}
                  label={t("account.token_revoke")}
                  secondary
                />
              ),
          },
        ]}
      />
      <h3 safe>{t("account.token_new")}</h3>
      <Form view={view} action="/konto/nycklar">
        <Field
          view={view}
          name="name"
          label={t("account.token_name")}
          hint={t("account.token_name_hint")}
          errors={errors}
        />
        <button type="submit" class="button" safe>
          {t("account.token_create")}
        </button>
      </Form>
    </Layout>
  );
}
