import { asc, eq, sql } from "drizzle-orm";

import type { Db } from "@/db/client";
import { actionTemplates, auditLog, items, itemStatuses, organizationSettings, users, type Role } from "@/db/schema";
import type { Actor } from "@/lib/authz";

/** The seeded demo user of this role, as the session would present them. */
export async function actorOf(db: Db, role: Role): Promise<Actor> {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, locale: users.locale })
    .from(users)
    .where(eq(users.email, `${role}@example.com`));
  if (!user) throw new Error(`No seeded ${role}`);
  return user;
}

export async function statusByLabel(db: Db, label: string) {
  const [row] = await db.select().from(itemStatuses).where(eq(itemStatuses.label, label));
  if (!row) throw new Error(`No status ${label}`);
  return row;
}

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
