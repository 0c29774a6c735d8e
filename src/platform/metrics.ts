import fs from "node:fs";
import path from "node:path";
import client from "prom-client";
import { readHead } from "./audit/audit.store.ts";
import type { Db } from "./db/database.ts";
import { mailCountsByStatus } from "./mail/mail.store.ts";

/**
 * The business metrics on `/metrics` beside the process and request metrics: what the operator
 * watches to see that kansli's own work gets done. Counters of work done in this process are
 * kept here and counted by the domain that does it; states are read from the database (or the
 * backup marker) at each scrape, so every process reports the same figures for them.
 */
export const reminderRuns = new client.Counter({
  name: "kansli_reminder_runs_total",
  help: "Rounds of the consultation reminder worker in this process",
  registers: [],
});
export const reminderMails = new client.Counter({
  name: "kansli_reminder_mails_total",
  help: "Reminder mails queued by this process",
  registers: [],
});
export const importReads = new client.Histogram({
  name: "kansli_import_read_seconds",
  help: "Time to read an uploaded document into a proposal, by outcome (read or failed)",
  labelNames: ["outcome"],
  buckets: [1, 5, 15, 30, 60, 120, 300, 600],
  registers: [],
});

const MAIL_STATUSES = ["pending", "sending", "sent", "failed"] as const;

/** The file `kansli backup` writes in the data folder when a backup is complete. */
export const lastBackupFile = (dataDir: string) => path.join(dataDir, "last-backup.json");

/** Registers the business metrics on a registry; the database-backed ones read `db` at each scrape. */
export function registerBusinessMetrics(registry: client.Registry, db: Db, dataDir: string): void {
  for (const metric of [reminderRuns, reminderMails, importReads]) registry.registerMetric(metric);
  new client.Gauge({
    name: "kansli_mail_outbox_messages",
    help: "Messages in the mail outbox by status (pending, sending, sent, failed)",
    labelNames: ["status"],
    registers: [registry],
    async collect() {
      const counts = new Map((await mailCountsByStatus(db)).map((r) => [r.status, Number(r.n)]));
      for (const status of MAIL_STATUSES) this.set({ status }, counts.get(status) ?? 0);
    },
  });
  new client.Gauge({
    name: "kansli_audit_head_sequence",
    help: "Sequence number of the newest audit event",
    registers: [registry],
    async collect() {
      this.set(Number((await readHead(db)).last_seq));
    },
  });
  new client.Gauge({
    name: "kansli_last_backup_timestamp_seconds",
    help: "When the last complete `kansli backup` from this data folder finished (0: none recorded)",
    registers: [registry],
    collect() {
      this.set(lastBackupAt(dataDir) / 1000);
    },
  });
}

function lastBackupAt(dataDir: string): number {
  try {
    const at = Date.parse(JSON.parse(fs.readFileSync(lastBackupFile(dataDir), "utf8")).at);
    return Number.isFinite(at) ? at : 0;
  } catch {
    return 0;
  }
}
