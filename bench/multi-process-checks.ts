import type { Db } from "../src/platform/db/database.ts";
import { header, type ReceivedMail } from "../test/helpers/smtp.ts";

/**
 * What several kansli processes on one database must keep true, read from the database and from
 * what a real SMTP server received: used by `npm run bench -- --processes N` and by
 * test/multi-process.test.ts.
 */

export interface DiaryCheck {
  /** Cases opened in the registry's year after the mark. */
  opened: number;
  first: number | null;
  last: number | null;
  /** Numbers of the range first..last that no case has. */
  gaps: number[];
  /** Numbers two cases share. */
  duplicates: number[];
  /** Whether the registry's counter stands at the last number given. */
  counterAgrees: boolean;
}

/** The registry's counter for a year now: the mark to check the numbers given after it. */
export async function diaryMark(db: Db, registryId: string, year: number): Promise<number> {
  const row = await db
    .selectFrom("diary_counters")
    .select("last_seq")
    .where("registry_id", "=", registryId)
    .where("year", "=", year)
    .executeTakeFirst();
  return Number(row?.last_seq ?? 0);
}

/** R8: the numbers given after `mark` run on from it, one each, with no gap and no number twice. */
export async function checkDiaryNumbers(
  db: Db,
  registryId: string,
  year: number,
  mark: number,
): Promise<DiaryCheck> {
  const seqs = (
    await db
      .selectFrom("cases")
      .select("seq")
      .where("registry_id", "=", registryId)
      .where("year", "=", year)
      .where("seq", ">", mark)
      .orderBy("seq")
      .execute()
  ).map((r) => Number(r.seq));
  const seen = new Set<number>();
  const duplicates: number[] = [];
  for (const s of seqs) {
    if (seen.has(s)) duplicates.push(s);
    seen.add(s);
  }
  const last = seqs.length ? Math.max(...seqs) : null;
  const gaps: number[] = [];
  if (last !== null) for (let s = mark + 1; s <= last; s++) if (!seen.has(s)) gaps.push(s);
  return {
    opened: seqs.length,
    first: seqs[0] ?? null,
    last,
    gaps,
    duplicates,
    counterAgrees: (await diaryMark(db, registryId, year)) === (last ?? mark),
  };
}

export interface ReminderCheck {
  /** Reminder rows written since the mark (one per body and reminder). */
  reminders: number;
  /** Reminder mails queued in the outbox since the mark. */
  queued: number;
  /** Reminder mails the SMTP server received since the mark. */
  received: number;
  /** Queued reminder mails the SMTP server never received, or received more than once. */
  missing: number;
  extra: number;
  /** Reminder rows whose body and reminder key are not unique. */
  repeatedKeys: number;
}

/** A reminder's subject: the diary number, then "Påminnelse: " and the round's public title. */
const isReminder = (subject: string) => subject.includes(" Påminnelse: ");
const mailKey = (to: string, subject: string) => `${to.toLowerCase()}\n${subject}`;

/**
 * Each due reminder mailed once in total: one row per body and key, one outbox mail per row,
 * and the SMTP server received exactly the queued mails (a mail sent by two processes would be
 * there twice). `received` is what the SMTP server got since the mark.
 */
export async function checkReminders(
  db: Db,
  since: string,
  received: readonly ReceivedMail[],
): Promise<ReminderCheck> {
  const rows = await db
    .selectFrom("consultation_reminders")
    .select(["recipient_id", "reminder_key"])
    .where("sent_at", ">=", since)
    .where("kind", "!=", "manual")
    .execute();
  const queued = (
    await db
      .selectFrom("mail_outbox")
      .select(["to_address", "subject"])
      .where("created_at", ">=", since)
      .execute()
  ).filter((m) => isReminder(m.subject));
  const counts = new Map<string, number>();
  for (const m of queued)
    counts.set(mailKey(m.to_address, m.subject), (counts.get(mailKey(m.to_address, m.subject)) ?? 0) + 1);
  let got = 0;
  let extra = 0;
  for (const mail of received) {
    const subject = header(mail.raw, "subject");
    if (!isReminder(subject)) continue;
    got += 1;
    for (const to of mail.to) {
      const left = counts.get(mailKey(to, subject)) ?? 0;
      if (left > 0) counts.set(mailKey(to, subject), left - 1);
      else extra += 1;
    }
  }
  return {
    reminders: rows.length,
    queued: queued.length,
    received: got,
    missing: [...counts.values()].reduce((n, c) => n + c, 0),
    extra,
    repeatedKeys: rows.length - new Set(rows.map((r) => `${r.recipient_id} ${r.reminder_key}`)).size,
  };
}

/** Whether reminder mails queued since the mark still wait to be sent. */
export async function remindersWaiting(db: Db, since: string): Promise<number> {
  const rows = await db
    .selectFrom("mail_outbox")
    .select("subject")
    .where("created_at", ">=", since)
    .where("status", "in", ["pending", "sending"])
    .execute();
  return rows.filter((m) => isReminder(m.subject)).length;
}
