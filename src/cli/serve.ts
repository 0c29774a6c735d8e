import { buildApp } from "../app.ts";
import type { Config } from "../config.ts";
import { startReminderWorker } from "../consultation/index.ts";
import { startReviewReminders } from "../engagements/index.ts";
import { startMailIntake } from "../mail-intake/index.ts";
import { startOrphanSweep } from "../platform/backup/orphans.ts";
import { systemClock } from "../platform/clock.ts";
import { openDatabase } from "../platform/db/database.ts";
import { startMailDelivery } from "../platform/mail/mail.service.ts";

/**
 * Listens until SIGTERM or SIGINT, then finishes open requests, closes the database and lets go
 * of the data folder (`release`, see takeWriterLock).
 */
export async function serve(config: Config, release: () => void): Promise<void> {
  const open = openDatabase(config);
  const app = await buildApp({ config, db: open.db, dialect: open.dialect, clock: systemClock });
  const stopMail = startMailDelivery(app.ctx);
  const stopConsultationReminders = startReminderWorker(app.ctx);
  const stopReviewReminders = startReviewReminders(app.ctx);
  const stopMailIntake = startMailIntake(app.ctx);
  const stopOrphanSweep = startOrphanSweep(app.ctx);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, "shutting down");
    stopMail();
    stopConsultationReminders();
    stopReviewReminders();
    stopMailIntake();
    stopOrphanSweep();
    await app.close();
    await open.close();
    release();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  await app.listen({ port: config.port, host: config.host });
  // With port 0 the system picks one: print the port actually bound.
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const host = config.host === "0.0.0.0" ? "localhost" : config.host;
  process.stdout.write(`kansli is ready at http://${host}:${port}\n`);
}
