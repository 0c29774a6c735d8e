import { auditBy } from "../auth/index.ts";
import { appendAudit } from "../platform/audit/audit.service.ts";
import type { Db } from "../platform/db/database.ts";
import { newId } from "../platform/ids.ts";
import { SHIPPED_PROVISIONS } from "./osl-provisions.ts";
import { citationOf, groundForLegacy } from "./secrecy-grounds.model.ts";
import {
  insertNewGrounds,
  linkMarkings,
  type SecrecyGroundRow,
  toSecrecyGround,
  unlinkedMarkings,
} from "./secrecy-grounds.store.ts";

/**
 * Part of setting up a tenant (`kansli migrate`, after `ensureTenant`): adds the shipped OSL
 * provisions its list does not hold yet — all of them for a new tenant, those a release adds
 * later otherwise; a provision an admin retired stays retired. When grounds arrive, the free-text
 * markings of documents from before the list are linked to the ground they plainly cite
 * ("21 kap. 7 § OSL", "OSL 26:1"); their text is kept verbatim, and markings that cite nothing
 * on the list stay as they are, shown and exported as written.
 */
export async function seedSecrecyGrounds(db: Db, tenantId: string, now: Date): Promise<void> {
  const rows: SecrecyGroundRow[] = SHIPPED_PROVISIONS.map((p) => ({
    id: newId(),
    tenant_id: tenantId,
    chapter: p.chapter,
    section: p.section,
    paragraph: p.paragraph,
    citation: citationOf(p),
    name: p.name,
    retired_at: null,
    created_by: null,
    created_at: now.toISOString(),
  }));
  await db.transaction().execute(async (trx) => {
    const added = new Set(await insertNewGrounds(trx, rows));
    if (added.size === 0) return;
    const grounds = rows.filter((r) => added.has(r.id)).map(toSecrecyGround);
    const linked: Record<string, string> = {};
    for (const { secrecy_provision: text } of await unlinkedMarkings(trx, tenantId)) {
      const ground = text ? groundForLegacy(text, grounds) : null;
      if (!text || !ground) continue;
      await linkMarkings(trx, tenantId, text, ground.id);
      linked[text] = ground.citation;
    }
    await appendAudit(trx, tenantId, now, {
      ...auditBy("system"),
      action: "secrecy_ground.add_shipped",
      subjectType: "secrecy_ground",
      subjectId: null,
      after: { citations: grounds.map((g) => g.citation), linkedMarkings: linked },
    });
  });
}
