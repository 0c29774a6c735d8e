import net from "node:net";
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
export async function serve(
  config: Config,
  release: () => void,
  { greet }: { greet: boolean },
): Promise<void> {
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
  const url = `http://${host}:${port}`;
  // The Node version too: npm scripts run the pinned Node from node_modules, not the system's.
  app.log.info({ url, node: process.version }, "kansli is ready");
  // `kansli start` (the demo) also says so in words; `kansli serve` writes only JSON lines.
  if (greet) process.stderr.write(`kansli is ready at ${url} (Node.js ${process.version})\n`);
}

/**
 * Whether the port can be listened on, asked before anything is migrated or printed so that a
 * busy port is one line and nothing else. Null when it is free, else the line to print.
 */
export async function portProblem(config: Config): Promise<string | null> {
  if (config.port === 0) return null;
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      resolve(
        error.code === "EADDRINUSE"
          ? `port ${config.port} on ${config.host} is in use; stop what holds it or choose another with PORT or --port`
          : `cannot listen on ${config.host}:${config.port}: ${error.message}`,
      ),
    );
    probe.listen(config.port, config.host, () => probe.close(() => resolve(null)));
  });
}
