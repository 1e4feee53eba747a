import { and, asc, eq, sql } from "drizzle-orm";

import type { Queryable } from "@/db/client";
import { customers, items, itemStatuses, organizationSettings } from "@/db/schema";

import { actorFor } from "./actors";

/** Who and what most tests start from: the three demo users, and ACME's and Globex's ids. */
export async function demoCast(db: Queryable) {
  const [collector, admin, viewer, acme, globex] = await Promise.all([
    actorFor(db, "collector"),
    actorFor(db, "admin"),
    actorFor(db, "viewer"),
    customerByCode(db, "C-1001"),
    customerByCode(db, "C-1002"),
  ]);
  return { collector, admin, viewer, acmeId: acme.id, globexId: globex.id };
}

export async function customerByCode(db: Queryable, code: string) {
  const [customer] = await db.select().from(customers).where(eq(customers.code, code));
  if (!customer) throw new Error(`No customer ${code}`);
  return customer;
}

export async function itemByNumber(db: Queryable, documentNumber: string) {
  const [item] = await db.select().from(items).where(eq(items.documentNumber, documentNumber));
  if (!item) throw new Error(`No item ${documentNumber}`);
  return item;
}

/** Open invoices of a customer, oldest due first. */
export async function openInvoices(db: Queryable, customerId: number, limit = 10_000) {
  return db
    .select()
    .from(items)
    .where(and(eq(items.customerId, customerId), eq(items.type, "invoice"), sql`${items.outstanding} > 0`))
    .orderBy(asc(items.id))
    .limit(limit);
}

export async function statusByLabel(db: Queryable, label: string) {
  const [status] = await db.select().from(itemStatuses).where(eq(itemStatuses.label, label));
  if (!status) throw new Error(`No status ${label}`);
  return status;
}

/** Sets the Quick Promise preferences directly (the admin screens are tested on their own). */
export async function configureQuickPromise(db: Queryable, statusLabel: string | null, delayDays: number | null) {
  const statusId = statusLabel ? (await statusByLabel(db, statusLabel)).id : null;
  await db
    .update(organizationSettings)
    .set({ quickPromiseStatusId: statusId, quickPromiseDelayDays: delayDays })
    .where(eq(organizationSettings.id, 1));
}
