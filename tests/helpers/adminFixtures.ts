import { asc, eq, sql } from "drizzle-orm";

import type { Db } from "@/db/client";
import { actionTemplates, auditLog, items, itemStatuses, organizationSettings, users } from "@/db/schema";

// The demo users and statuses are looked up by the shared helpers; re-exported under the names the admin tests use.
export { actorFor as actorOf } from "./actors";
export { statusByLabel } from "./demo";

export async function templateByName(db: Db, name: string) {
  const [row] = await db.select().from(actionTemplates).where(eq(actionTemplates.name, name));
  if (!row) throw new Error(`No template ${name}`);
  return row;
}

export async function settingsRow(db: Db) {
  const [row] = await db.select().from(organizationSettings).where(eq(organizationSettings.id, 1));
  return row!;
}

/** Every row an admin function could touch, to show that a refused call changed nothing. */
export async function adminSnapshot(db: Db) {
  return {
    users: await db.select().from(users).orderBy(asc(users.id)),
    statuses: await db.select().from(itemStatuses).orderBy(asc(itemStatuses.id)),
    templates: await db.select().from(actionTemplates).orderBy(asc(actionTemplates.id)),
    settings: await db.select().from(organizationSettings),
    audit: await db.select().from(auditLog).orderBy(asc(auditLog.id)),
    itemStatusIds: await db
      .select({ statusId: items.statusId, n: sql<number>`count(*)::int` })
      .from(items)
      .groupBy(items.statusId)
      .orderBy(items.statusId),
  };
}

export async function auditEvents(db: Db, event: string) {
  return db.select().from(auditLog).where(eq(auditLog.event, event)).orderBy(asc(auditLog.id));
}
