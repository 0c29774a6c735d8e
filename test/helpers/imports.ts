import type { Db } from "../../src/platform/db/database.ts";

/** Waits until the background reader has read an uploaded import (or failed); answers its status. */
export async function importRead(db: Db, id: string, timeoutMs = 90_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const row = await db.selectFrom("import_drafts").select("status").where("id", "=", id).executeTakeFirst();
    if (row && row.status !== "reading") return row.status;
    if (Date.now() > until) throw new Error(`import ${id} still reading after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
