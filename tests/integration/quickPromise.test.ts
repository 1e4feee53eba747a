import { randomUUID } from "node:crypto";

import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { setDatabase } from "@/db/client";
import { actionItems, actions, itemEvents, items, itemStatuses, quickPromiseApplications } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { addCalendarDays, todayIn } from "@/lib/calendar";
import { DomainError, ForbiddenError, InvalidInputError, NotFoundError, NotSignedInError } from "@/lib/errors";
import { applyQuickPromise, getQuickPromiseUiConfig, undoQuickPromise } from "@/lib/quickPromise";

import { createTestDatabase, useTestDatabase } from "../helpers/db";
import { configureQuickPromise, demoCast, itemByNumber, openInvoices, statusByLabel } from "../helpers/demo";
import { snapshotWrites } from "../helpers/snapshot";

const database = useTestDatabase();
let collector: Actor;
let admin: Actor;
let viewer: Actor;
let acmeId: number;
let globexId: number;

beforeAll(async () => {
  const { db } = database();
  ({ collector, admin, viewer, acmeId, globexId } = await demoCast(db));
});

beforeEach(async () => {
  await configureQuickPromise(database().db, "Promise to pay", 3);
});

const today = () => todayIn("Europe/Paris");

async function acmeInvoiceIds(count: number, offset = 0) {
  const rows = await openInvoices(database().db, acmeId);
  return rows.slice(offset, offset + count).map((row) => row.id);
}

/** Runs a call that must be refused, and checks it wrote nothing at all. */
async function expectRefusedWithoutWrites(call: () => Promise<unknown>, error: unknown) {
  const before = await snapshotWrites(database().db);
  await expect(call()).rejects.toBeInstanceOf(error as never);
  expect(await snapshotWrites(database().db)).toEqual(before);
}

describe("applyQuickPromise", () => {
  it("applies the status and promise date, writes one event per item, one follow-up and the application", async () => {
    const { db } = database();
    const itemIds = await acmeInvoiceIds(2);
    const status = await statusByLabel(db, "Promise to pay");
    const key = randomUUID();

    const result = await applyQuickPromise({ actor: collector, customerId: acmeId, itemIds, idempotencyKey: key });

    const promiseDate = addCalendarDays(today(), 3);
    const expectedTotal = (await db.select().from(items).where(inArray(items.id, itemIds))).reduce((sum, i) => sum + i.outstanding, 0);
    expect(result).toMatchObject({ count: 2, promiseDate, followUpDueDate: promiseDate, statusLabel: "Promise to pay", replayed: false });
    expect(result.totals).toEqual({ EUR: expectedTotal });

    const updated = await db.select().from(items).where(inArray(items.id, itemIds));
    for (const item of updated) expect(item).toMatchObject({ statusId: status.id, promiseDate, version: 1 });

    const events = await db.select().from(itemEvents).where(eq(itemEvents.quickPromiseApplicationId, result.applicationId));
    expect(events).toHaveLength(2);
    expect(new Set(events.map((e) => e.operationId)).size).toBe(1);
    for (const event of events) {
      expect(event).toMatchObject({
        actorId: collector.id,
        source: "quick_promise",
        oldStatusId: null,
        newStatusId: status.id,
        oldPromiseDate: null,
        newPromiseDate: promiseDate,
        customerId: acmeId,
      });
    }

    const [application] = await db.select().from(quickPromiseApplications).where(eq(quickPromiseApplications.id, result.applicationId));
    expect(application).toMatchObject({ actorId: collector.id, customerId: acmeId, statusId: status.id, promiseDate, itemCount: 2, idempotencyKey: key });
    expect(application!.totals).toEqual({ EUR: expectedTotal });

    const [action] = await db.select().from(actions).where(eq(actions.id, application!.actionId!));
    expect(action).toMatchObject({
      customerId: acmeId,
      channel: "call",
      dueDate: promiseDate,
      state: "open",
      assigneeId: collector.id, // ACME's collector
      creatorId: collector.id,
      templateId: status.actionTemplateId,
    });
    const links = await db.select().from(actionItems).where(eq(actionItems.actionId, action!.id));
    expect(links.map((l) => l.itemId).sort()).toEqual([...itemIds].sort());
  });

  it("assigns the follow-up to the actor when the customer has no collector, due on promise date + template offset", async () => {
    const { db } = database();
    await db.execute(sql`update action_templates set due_offset_days = 2 where name = 'Check promised payment'`);
    const orphan = await db.execute<{ id: number }>(sql`select id from customers where collector_id is null order by id limit 1`);
    const customerId = orphan.rows[0]!.id;
    const [item] = await openInvoices(db, customerId, 1);
    const result = await applyQuickPromise({ actor: admin, customerId, itemIds: [item!.id], idempotencyKey: randomUUID() });
    expect(result.followUpDueDate).toBe(addCalendarDays(today(), 5));
    const [action] = await db.select().from(actions).innerJoin(quickPromiseApplications, eq(quickPromiseApplications.actionId, actions.id)).where(eq(quickPromiseApplications.id, result.applicationId));
    expect(action!.actions.assigneeId).toBe(admin.id);
    await db.execute(sql`update action_templates set due_offset_days = 0 where name = 'Check promised payment'`);
  });

  it("creates no follow-up when the configured status has no action template", async () => {
    const { db } = database();
    await configureQuickPromise(db, "Payment in progress", 0);
    const [itemId] = await acmeInvoiceIds(1, 11);
    const before = await snapshotWrites(db);
    const result = await applyQuickPromise({ actor: collector, customerId: acmeId, itemIds: [itemId!], idempotencyKey: randomUUID() });
    expect(result.followUpDueDate).toBeNull();
    expect(result.promiseDate).toBe(today());
    const after = await snapshotWrites(db);
    expect(after.actions).toBe(before.actions);
    expect(after.events).toBe(Number(before.events) + 1);
  });

  it("replays the first result for the same key and writes nothing", async () => {
    const { db } = database();
    const itemIds = await acmeInvoiceIds(2, 2);
    const key = randomUUID();
    const first = await applyQuickPromise({ actor: collector, customerId: acmeId, itemIds, idempotencyKey: key });
    const before = await snapshotWrites(db);
    const again = await applyQuickPromise({ actor: collector, customerId: acmeId, itemIds: [...itemIds].reverse(), idempotencyKey: key });
    expect(again).toEqual({ ...first, replayed: true });
    expect(await snapshotWrites(db)).toEqual(before);
    const rows = await db.select().from(quickPromiseApplications).where(eq(quickPromiseApplications.idempotencyKey, key));
    expect(rows).toHaveLength(1);
  });

  it("replays concurrent calls with the same key once (a double click)", async () => {
    const { db } = database();
    const itemIds = await acmeInvoiceIds(1, 4);
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => applyQuickPromise({ actor: collector, customerId: acmeId, itemIds, idempotencyKey: key })),
    );
    expect(new Set(results.map((r) => r.applicationId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const [{ n } = { n: 0 }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(actions)
      .innerJoin(quickPromiseApplications, eq(quickPromiseApplications.actionId, actions.id))
      .where(eq(quickPromiseApplications.idempotencyKey, key));
    expect(n).toBe(1);
  });

  it("refuses a key reused for a different request", async () => {
    const [a, b] = await acmeInvoiceIds(2, 5);
    const key = randomUUID();
    await applyQuickPromise({ actor: collector, customerId: acmeId, itemIds: [a!], idempotencyKey: key });
    await expectRefusedWithoutWrites(
      () => applyQuickPromise({ actor: collector, customerId: acmeId, itemIds: [b!], idempotencyKey: key }),
      DomainError,
    );
  });

  describe("refuses, writing nothing", () => {
    it("when Quick Promise is not configured", async () => {
      await configureQuickPromise(database().db, null, null);
      const itemIds = await acmeInvoiceIds(1);
      await expectRefusedWithoutWrites(
        () => applyQuickPromise({ actor: collector, customerId: acmeId, itemIds, idempotencyKey: randomUUID() }),
        DomainError,
      );
    });

    it("when the configured status is archived", async () => {
      const { db } = database();
      await db.update(itemStatuses).set({ archived: true }).where(eq(itemStatuses.label, "Promise to pay"));
      try {
        const itemIds = await acmeInvoiceIds(1);
        await expect(
          applyQuickPromise({ actor: collector, customerId: acmeId, itemIds, idempotencyKey: randomUUID() }),
        ).rejects.toMatchObject({ key: "quickPromiseNotConfigured" });
        await expectRefusedWithoutWrites(
          () => applyQuickPromise({ actor: collector, customerId: acmeId, itemIds, idempotencyKey: randomUUID() }),
          DomainError,
        );
        expect(await getQuickPromiseUiConfig(collector)).toEqual({ configured: false });
      } finally {
        await db.update(itemStatuses).set({ archived: false }).where(eq(itemStatuses.label, "Promise to pay"));
      }
    });

    it("for an empty selection or malformed input", async () => {
      for (const bad of [
        { customerId: acmeId, itemIds: [], idempotencyKey: randomUUID() },
        { customerId: acmeId, itemIds: [1], idempotencyKey: "not-a-uuid" },
        { customerId: "ACME", itemIds: [1], idempotencyKey: randomUUID() },
        { customerId: acmeId, itemIds: [-3], idempotencyKey: randomUUID() },
        { customerId: acmeId, itemIds: Array.from({ length: 5_001 }, (_, i) => i + 1), idempotencyKey: randomUUID() },
        { customerId: acmeId, itemIds: [1], idempotencyKey: randomUUID(), statusId: 1 },
      ]) {
        await expectRefusedWithoutWrites(() => applyQuickPromise({ actor: collector, ...bad } as never), InvalidInputError);
      }
    });

    it("for an unknown item, and an item of another customer, the same way", async () => {
      const { db } = database();
      const [mine] = await acmeInvoiceIds(1);
      const [globexItem] = await openInvoices(db, globexId, 1);
      for (const foreign of [2_000_000_000, globexItem!.id]) {
        await expectRefusedWithoutWrites(
          () => applyQuickPromise({ actor: collector, customerId: acmeId, itemIds: [mine!, foreign], idempotencyKey: randomUUID() }),
          NotFoundError,
        );
      }
    });

    it("for a credit note, a payment or a closed item, naming the documents", async () => {
      const { db } = database();
      const [mine] = await acmeInvoiceIds(1);
      const creditNote = await itemByNumber(db, "CN-1001-001");
      const paid = await itemByNumber(db, "INV-1001-090");
      for (const bad of [creditNote, paid]) {
        const call = () =>
          applyQuickPromise({ actor: collector, customerId: acmeId, itemIds: [mine!, bad.id], idempotencyKey: randomUUID() });
        await expect(call()).rejects.toMatchObject({ key: "itemsNotEligible", values: { documents: bad.documentNumber } });
        await expectRefusedWithoutWrites(call, DomainError);
      }
      const payment = await db.execute<{ id: number; customer_id: number }>(
        sql`select id, customer_id from items where type = 'payment' limit 1`,
      );
      const row = payment.rows[0]!;
      const [sameCustomerInvoice] = await openInvoices(db, row.customer_id, 1);
      await expectRefusedWithoutWrites(
        () =>
          applyQuickPromise({
            actor: collector,
            customerId: row.customer_id,
            itemIds: [sameCustomerInvoice!.id, row.id],
            idempotencyKey: randomUUID(),
          }),
        DomainError,
      );
    });

    it("for a viewer and for nobody", async () => {
      const itemIds = await acmeInvoiceIds(1);
      await expectRefusedWithoutWrites(
        () => applyQuickPromise({ actor: viewer, customerId: acmeId, itemIds, idempotencyKey: randomUUID() }),
        ForbiddenError,
      );
      await expectRefusedWithoutWrites(
        () => applyQuickPromise({ actor: null, customerId: acmeId, itemIds, idempotencyKey: randomUUID() }),
        NotSignedInError,
      );
    });

    it("for a collector outside their portfolio when the organisation restricts them", async () => {
      const { db } = database();
      await db.execute(sql`update organization_settings set collectors_own_customers_only = true`);
      try {
        const orphan = await db.execute<{ id: number }>(sql`select id from customers where collector_id is null order by id limit 1`);
        const customerId = orphan.rows[0]!.id;
        const [item] = await openInvoices(db, customerId, 1);
        await expectRefusedWithoutWrites(
          () => applyQuickPromise({ actor: collector, customerId, itemIds: [item!.id], idempotencyKey: randomUUID() }),
          ForbiddenError,
        );
        // Their own customer still works.
        const [own] = await acmeInvoiceIds(1, 6);
        await applyQuickPromise({ actor: collector, customerId: acmeId, itemIds: [own!], idempotencyKey: randomUUID() });
      } finally {
        await db.execute(sql`update organization_settings set collectors_own_customers_only = false`);
      }
    });
  });

  it("rolls everything back when a step fails after the items were updated", async () => {
    const { db } = database();
    const itemIds = await acmeInvoiceIds(2, 7);
    // Make the last step (recording totals and action on the application) fail.
    await db.execute(sql`
      create function fail_application_update() returns trigger language plpgsql as $$
      begin raise exception 'injected failure'; end; $$`);
    await db.execute(sql`
      create trigger fail_application_update before update on quick_promise_applications
      for each row execute function fail_application_update()`);
    try {
      const before = await snapshotWrites(db);
      await expect(
        applyQuickPromise({ actor: collector, customerId: acmeId, itemIds, idempotencyKey: randomUUID() }),
      ).rejects.toThrow();
      expect(await snapshotWrites(db)).toEqual(before);
    } finally {
      await db.execute(sql`drop trigger fail_application_update on quick_promise_applications`);
      await db.execute(sql`drop function fail_application_update()`);
    }
  });

  it("serialises 20 concurrent officers on the same items: 20 applications, 20 events per item in order", async () => {
    const { db } = database();
    const globexItems = (await openInvoices(db, globexId, 50)).slice(30, 40).map((i) => i.id);
    const officers = [collector, admin];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        applyQuickPromise({ actor: officers[n % 2]!, customerId: globexId, itemIds: globexItems, idempotencyKey: randomUUID() }),
      ),
    );
    expect(new Set(results.map((r) => r.applicationId)).size).toBe(20);
    const events = await db
      .select()
      .from(itemEvents)
      .where(inArray(itemEvents.itemId, globexItems))
      .orderBy(itemEvents.itemId, itemEvents.id);
    expect(events).toHaveLength(20 * globexItems.length);
    for (const itemId of globexItems) {
      const history = events.filter((e) => e.itemId === itemId);
      expect(history).toHaveLength(20);
      // Each event starts from where the previous one left the item: no lost update.
      expect(history[0]!.oldStatusId).toBeNull();
      for (let i = 1; i < history.length; i++) {
        expect(history[i]!.oldStatusId).toBe(history[i - 1]!.newStatusId);
        expect(history[i]!.oldPromiseDate).toBe(history[i - 1]!.newPromiseDate);
      }
      // Applications reach every item in the same order.
      expect(history.map((e) => e.quickPromiseApplicationId)).toEqual(
        events.filter((e) => e.itemId === globexItems[0]).map((e) => e.quickPromiseApplicationId),
      );
    }
    const [item] = await db.select().from(items).where(eq(items.id, globexItems[0]!));
    expect(item!.version).toBe(20);
  });

  it("runs the same number of statements for 1 and for 1,000 items", async () => {
    const queries: string[] = [];
    // node-postgres logs BEGIN and COMMIT as queries, PGlite does not: count the statements between them.
    const counted = await createTestDatabase({
      logger: { logQuery: (query) => void (/^\s*(begin|commit|rollback)\b/i.test(query) || queries.push(query)) },
    });
    setDatabase(counted);
    try {
      await configureQuickPromise(counted.db, "Promise to pay", 2);
      const globexItems = (await openInvoices(counted.db, globexId, 1_001)).map((i) => i.id);
      const run = async (itemIds: number[]) => {
        queries.length = 0;
        await applyQuickPromise({ actor: collector, customerId: globexId, itemIds, idempotencyKey: randomUUID() });
        return queries.length;
      };
      const one = await run(globexItems.slice(0, 1));
      const thousand = await run(globexItems.slice(1, 1_001));
      expect(thousand).toBe(one);
      // context, lock, claim, update + history, follow-up (between BEGIN and COMMIT).
      expect(one).toBe(5);
    } finally {
      setDatabase(database());
      await counted.close();
    }
  });
});

describe("undoQuickPromise", () => {
  it("restores each item's previous status and promise date, cancels the follow-up, and appends history", async () => {
    const { db } = database();
    const [first, second] = await acmeInvoiceIds(2, 8);
    // Give the first item an earlier state to restore.
    const dispute = await statusByLabel(db, "Dispute – price");
    await db.update(items).set({ statusId: dispute.id, promiseDate: "2027-01-15" }).where(eq(items.id, first!));

    const applied = await applyQuickPromise({ actor: collector, customerId: acmeId, itemIds: [first!, second!], idempotencyKey: randomUUID() });
    const eventsBefore = (await snapshotWrites(db)).events as number;
    const undone = await undoQuickPromise(collector, { applicationId: applied.applicationId });
    expect(undone.count).toBe(2);

    const [a] = await db.select().from(items).where(eq(items.id, first!));
    const [b] = await db.select().from(items).where(eq(items.id, second!));
    expect(a).toMatchObject({ statusId: dispute.id, promiseDate: "2027-01-15" });
    expect(b).toMatchObject({ statusId: null, promiseDate: null });

    const [application] = await db.select().from(quickPromiseApplications).where(eq(quickPromiseApplications.id, applied.applicationId));
    expect(application!.undoneAt).not.toBeNull();
    expect(application!.undoneById).toBe(collector.id);
    const [action] = await db.select().from(actions).where(eq(actions.id, application!.actionId!));
    expect(action!.state).toBe("cancelled");

    const undoEvents = await db
      .select()
      .from(itemEvents)
      .where(and(eq(itemEvents.quickPromiseApplicationId, applied.applicationId), eq(itemEvents.source, "undo")));
    expect(undoEvents).toHaveLength(2);
    expect((await snapshotWrites(db)).events).toBe(eventsBefore + 2);
    expect(undoEvents.find((e) => e.itemId === first)).toMatchObject({ newStatusId: dispute.id, newPromiseDate: "2027-01-15" });

    await expect(undoQuickPromise(collector, { applicationId: applied.applicationId })).rejects.toMatchObject({ key: "undoAlreadyDone" });
  });

  it("is refused once the items changed since, after the window, and for a viewer", async () => {
    const { db } = database();
    const [itemId] = await acmeInvoiceIds(1, 10);
    const first = await applyQuickPromise({ actor: collector, customerId: acmeId, itemIds: [itemId!], idempotencyKey: randomUUID() });
    await applyQuickPromise({ actor: admin, customerId: acmeId, itemIds: [itemId!], idempotencyKey: randomUUID() });
    const before = await snapshotWrites(db);
    await expect(undoQuickPromise(collector, { applicationId: first.applicationId })).rejects.toMatchObject({ key: "undoTouched" });
    expect(await snapshotWrites(db)).toEqual(before);

    const late = await applyQuickPromise({ actor: collector, customerId: globexId, itemIds: [(await openInvoices(db, globexId, 1))[0]!.id], idempotencyKey: randomUUID() });
    await expect(
      undoQuickPromise(collector, { applicationId: late.applicationId }, new Date(Date.now() + 10 * 60_000)),
    ).rejects.toMatchObject({ key: "undoExpired" });
    await expect(undoQuickPromise(viewer, { applicationId: late.applicationId })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(undoQuickPromise(collector, { applicationId: 2_000_000_000 })).rejects.toBeInstanceOf(NotFoundError);
    expect(await snapshotWrites(db)).not.toEqual(before); // the late application itself was written
  });
});
