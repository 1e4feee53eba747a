import { count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import {
  actionTemplates,
  customers,
  itemEvents,
  items,
  itemStatuses,
  organizationSettings,
  users,
} from "@/db/schema";
import { GLOBEX_INVOICES } from "@/db/seed";

import { useTestDatabase } from "../helpers/db";

const database = useTestDatabase();

describe("migrations", () => {
  it("create every table of the domain model", async () => {
    const { rows } = await database().db.execute<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        "action_items",
        "action_templates",
        "actions",
        "audit_log",
        "customers",
        "item_events",
        "item_statuses",
        "items",
        "organization_settings",
        "quick_promise_applications",
        "sign_in_attempts",
        "users",
      ]),
    );
  });

  it("index every foreign key", async () => {
    const { rows } = await database().db.execute<{ fk: string }>(sql`
      select c.conname as fk
      from pg_constraint c
      where c.contype = 'f' and c.connamespace = 'public'::regnamespace
        and not exists (
          select 1 from pg_index i
          where i.indrelid = c.conrelid and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] = c.conkey
        )`);
    expect(rows.map((r) => r.fk)).toEqual([]);
  });
});

describe("demo seed", () => {
  it("matches the contract's demo data", async () => {
    const { db } = database();
    const [settings] = await db.select().from(organizationSettings);
    expect(settings).toMatchObject({ name: "Demo Company", timeZone: "Europe/Paris", currency: "EUR" });
    expect(settings?.quickPromiseStatusId).toBeNull();
    expect(settings?.quickPromiseDelayDays).toBeNull();

    const seededUsers = await db.select({ email: users.email, role: users.role }).from(users).orderBy(users.id);
    expect(seededUsers).toEqual([
      { email: "admin@example.com", role: "admin" },
      { email: "collector@example.com", role: "collector" },
      { email: "viewer@example.com", role: "viewer" },
    ]);

    const statuses = await db
      .select({ label: itemStatuses.label, category: itemStatuses.category, template: actionTemplates.name })
      .from(itemStatuses)
      .leftJoin(actionTemplates, eq(itemStatuses.actionTemplateId, actionTemplates.id))
      .orderBy(itemStatuses.sortOrder);
    expect(statuses).toEqual([
      { label: "Promise to pay", category: "promise", template: "Check promised payment" },
      { label: "Dispute – price", category: "dispute", template: null },
      { label: "Dispute – quality", category: "dispute", template: null },
      { label: "Awaiting purchase order", category: "other", template: null },
      { label: "Payment in progress", category: "other", template: null },
    ]);
    const [template] = await db.select().from(actionTemplates);
    expect(template).toMatchObject({ channel: "call", dueOffsetDays: 0 });

    const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(customers);
    expect(n).toBeGreaterThanOrEqual(30);
  });

  it("gives ACME open invoices, overdue and not yet due, a credit note and a paid invoice", async () => {
    const { db } = database();
    const [acme] = await db.select().from(customers).where(eq(customers.code, "C-1001"));
    expect(acme?.name).toBe("ACME Industries");
    const [stats] = await db
      .select({
        openInvoices: sql<number>`count(*) filter (where ${items.type} = 'invoice' and ${items.outstanding} > 0)::int`,
        overdue: sql<number>`count(*) filter (where ${items.type} = 'invoice' and ${items.outstanding} > 0 and ${items.dueDate} < current_date)::int`,
        notYetDue: sql<number>`count(*) filter (where ${items.type} = 'invoice' and ${items.outstanding} > 0 and ${items.dueDate} > current_date)::int`,
        creditNotes: sql<number>`count(*) filter (where ${items.type} = 'credit_note' and ${items.outstanding} <> 0)::int`,
        paid: sql<number>`count(*) filter (where ${items.type} = 'invoice' and ${items.outstanding} = 0)::int`,
      })
      .from(items)
      .where(eq(items.customerId, acme!.id));
    expect(stats!.openInvoices).toBeGreaterThanOrEqual(12);
    expect(stats!.overdue).toBeGreaterThan(0);
    expect(stats!.notYetDue).toBeGreaterThan(0);
    expect(stats!.creditNotes).toBe(1);
    expect(stats!.paid).toBe(1);
  });

  it("gives Globex 5,000 open invoices", async () => {
    const { db } = database();
    const [globex] = await db.select().from(customers).where(eq(customers.code, "C-1002"));
    expect(globex?.name).toBe("Globex Corporation");
    const [{ n } = { n: 0 }] = await db
      .select({ n: count() })
      .from(items)
      .where(sql`${items.customerId} = ${globex!.id} and ${items.type} = 'invoice' and ${items.outstanding} > 0`);
    expect(n).toBe(GLOBEX_INVOICES);
  });
});

describe("constraints", () => {
  it("keep the quick-promise delay between 0 and 5", async () => {
    const { db } = database();
    await expect(db.update(organizationSettings).set({ quickPromiseDelayDays: 6 })).rejects.toThrow();
    await expect(db.update(organizationSettings).set({ quickPromiseDelayDays: -1 })).rejects.toThrow();
    await db.update(organizationSettings).set({ quickPromiseDelayDays: 5 });
    await db.update(organizationSettings).set({ quickPromiseDelayDays: null });
  });

  it("refuse a debit item with a negative amount and a second settings row", async () => {
    const { db } = database();
    const [acme] = await db.select().from(customers).where(eq(customers.code, "C-1001"));
    await expect(
      db.insert(items).values({
        customerId: acme!.id,
        type: "invoice",
        documentNumber: "BAD-1",
        documentDate: "2026-01-01",
        dueDate: "2026-01-31",
        amount: -100,
        outstanding: -100,
        currency: "EUR",
      }),
    ).rejects.toThrow();
    await expect(
      db.insert(organizationSettings).values({ id: 2, name: "x", timeZone: "UTC", currency: "EUR" }),
    ).rejects.toThrow();
  });

  it("refuse a second user with the same email in another case", async () => {
    const { db } = database();
    await expect(
      db.insert(users).values({ email: "ADMIN@example.com", name: "x", passwordHash: "x", role: "viewer" }),
    ).rejects.toThrow();
  });
});

describe("history", () => {
  it("is append-only: UPDATE and DELETE on item_events raise", async () => {
    const { db } = database();
    const [item] = await db.select().from(items).limit(1);
    const [user] = await db.select().from(users).limit(1);
    const [event] = await db
      .insert(itemEvents)
      .values({
        itemId: item!.id,
        customerId: item!.customerId,
        actorId: user!.id,
        operationId: crypto.randomUUID(),
        source: "change_status",
        comment: "original",
      })
      .returning();
    const appendOnly = { cause: expect.objectContaining({ message: expect.stringMatching(/append-only/) }) };
    await expect(db.update(itemEvents).set({ comment: "rewritten" }).where(eq(itemEvents.id, event!.id))).rejects.toMatchObject(
      appendOnly,
    );
    await expect(db.delete(itemEvents).where(eq(itemEvents.id, event!.id))).rejects.toMatchObject(appendOnly);
    const [kept] = await db.select().from(itemEvents).where(eq(itemEvents.id, event!.id));
    expect(kept?.comment).toBe("original");
  });
});
