import type { FastifyInstance } from "fastify";
import { stockholmDateTime } from "../platform/calendar/civil-date.ts";
import type { Translate } from "../platform/i18n/index.ts";
import { type MailRow, recentMail } from "../platform/mail/mail.store.ts";
import { Table } from "../web/components/Table.tsx";
import { Layout } from "../web/Layout.tsx";
import { sendPage, viewFor } from "../web/render.ts";
import { requireCan } from "./guards.ts";

/** A moment in Stockholm's local time, as staff read it. */
const when = (iso: string | null) => (iso ? stockholmDateTime(new Date(iso)) : "–");

/** How often a message failed and, while it waits, when it is tried next. */
const attemptsLine = (t: Translate, m: MailRow) =>
  m.status === "pending" && m.next_attempt_at
    ? `${t("outbox.attempts", { n: m.attempts })} ${t("outbox.next_attempt", { at: when(m.next_attempt_at) })}`
    : t("outbox.attempts", { n: m.attempts });

/** The mail outbox: what kansli sent or will send, readable by admins even without an SMTP server. */
export async function outboxRoutes(app: FastifyInstance) {
  const { ctx } = app;
  app.get("/admin/utkorg", async (req, reply) => {
    requireCan(req, "outbox.view");
    const mail = await recentMail(ctx.db, ctx.config.tenantId, 200);
    const view = viewFor(req, reply);
    const { t } = view;
    return sendPage(
      reply,
      <Layout view={view} title={t("outbox.title")}>
        <h1 safe>{t("outbox.title")}</h1>
        {ctx.config.smtpUrl ? null : (
          <p class="notice" safe>
            {t("outbox.no_smtp")}
          </p>
        )}
        <Table
          caption={t("outbox.caption")}
          empty={t("outbox.none")}
          rows={mail}
          columns={[
            { header: t("outbox.subject"), cell: (m) => <span safe>{m.subject}</span>, rowHeader: true },
            { header: t("outbox.to"), cell: (m) => <span safe>{m.to_address}</span> },
            {
              header: t("outbox.status"),
              cell: (m) => (
                <>
                  <span safe>{t(`outbox.status.${m.status}`)}</span>
                  {m.status !== "sent" && m.attempts > 0 ? (
                    <>
                      <br />
                      <small safe>{attemptsLine(t, m)}</small>
                      <br />
                      <small safe>{m.last_error ?? ""}</small>
                    </>
                  ) : null}
                </>
              ),
            },
            { header: t("outbox.created"), cell: (m) => <span safe>{when(m.created_at)}</span> },
            { header: t("outbox.sent"), cell: (m) => <span safe>{when(m.sent_at)}</span> },
          ]}
        />
        {mail.map((m) => (
          <details>
            <summary safe>{`${m.subject} – ${m.to_address}`}</summary>
            <pre safe>{m.body_text}</pre>
          </details>
        ))}
      </Layout>,
    );
  });
}
