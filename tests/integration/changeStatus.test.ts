import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { actionItems, actions, actionTemplates, itemEvents, items, itemStatuses, organizationSettings } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { addCalendarDays, todayIn } from "@/lib/calendar";
import { DomainError, ForbiddenError, InvalidInputError, NotFoundError, NotSignedInError } from "@/lib/errors";
import { changeItemStatus, changeStatusSchema, listActiveStatuses } from "@/lib/itemStatus";

import { useTestDatabase } from "../helpers/db";
import { demoCast, itemByNumber, statusByLabel } from "../helpers/demo";
import { snapshotWrites } from "../helpers/snapshot";

const database = useTestDatabase();
let collector: Actor;
let admin: Actor;
let viewer: Actor;
let acmeId: number;
let globexId: number;

const today = () => todayIn("Europe/Paris");

beforeAll(async () => {
  const { db } = database();
  ({ collector, admin, viewer, acmeId, globexId } = await demoCast(db));
});

async function idsOf(...documentNumbers: string[]) {
  const rows = await database().db.select().from(items).where(inArray(items.documentNumber, documentNumbers));
  return documentNumbers.map((number) => rows.find((row) => row.documentNumber === number)!.id);
}

async function itemRows(ids: number[]) {
  return database().db.select().from(items).where(inArray(items.id, ids)).orderBy(items.id);
}

/** A refused request changes no table: row counts, every item's state and the selected rows themselves. */
async function expectRefusedWithoutWrites(ids: number[], call: () => Promise<unknown>, error: unknown, key?: string) {
  const { db } = database();
  const before = await snapshotWrites(db);
  const rowsBefore = await itemRows(ids);
  await expect(call()).rejects.toBeInstanceOf(error as never);
  if (key) await expect(call()).rejects.toMatchObject({ key });
  expect(await snapshotWrites(db)).toEqual(before);
  expect(await itemRows(ids)).toEqual(rowsBefore);
}

describe("changeItemStatus", () => {
  it("applies a status without a template: items, one event per item with the comment, no follow-up", async () => {
    const { db } = database();
    const status = await statusByLabel(db, "Dispute – price");
    const ids = await idsOf("INV-1001-005", "INV-1001-006");
    const before = await snapshotWrites(db);
    const rowsBefore = await itemRows(ids);

    const result = await changeItemStatus(collector, {
      customerId: acmeId,
      itemIds: ids,
      statusId: status.id,
      promiseDate: "",
      comment: "  Customer disputes the unit price  ",
    });

    expect(result).toMatchObject({ count: 2, statusId: status.id, promiseDate: null, followUp: null });
    expect(result.totals).toEqual({ EUR: rowsBefore[0]!.outstanding + rowsBefore[1]!.outstanding });
    const rowsAfter = await itemRows(ids);
    rowsAfter.forEach((row, i) => {
      expect(row).toMatchObject({ statusId: status.id, promiseDate: null, version: rowsBefore[i]!.version + 1, outstanding: rowsBefore[i]!.outstanding });
    });

    const events = await db.select().from(itemEvents).where(eq(itemEvents.operationId, result.operationId)).orderBy(itemEvents.itemId);
    expect(events).toHaveLength(2);
    events.forEach((event, i) => {
      expect(event).toMatchObject({
        itemId: ids[i],
        customerId: acmeId,
        actorId: collector.id,
        source: "change_status",
        oldStatusId: null,
        newStatusId: status.id,
        oldPromiseDate: null,
        newPromiseDate: null,
        comment: "Customer disputes the unit price",
        quickPromiseApplicationId: null,
      });
    });

    const after = await snapshotWrites(db);
    expect(after.events).toBe(Number(before.events) + 2);
    expect(after.actions).toBe(before.actions);
    expect(after.action_items).toBe(before.action_items);
    expect(after.applications).toBe(before.applications);
  });

  it("applies 'Promise to pay' with a date: the follow-up from its template, linked to every item", async () => {
    const { db } = database();
    const status = await statusByLabel(db, "Promise to pay");
    const [template] = await db.select().from(actionTemplates).where(eq(actionTemplates.id, status.actionTemplateId!));
    const ids = await idsOf("INV-1001-007", "INV-1001-008", "INV-1001-009");
    const promiseDate = addCalendarDays(today(), 10);

    const result = await changeItemStatus(admin, { customerId: acmeId, itemIds: ids, statusId: status.id, promiseDate, comment: null });

    expect(result.followUp).toEqual({ actionId: expect.any(Number), dueDate: addCalendarDays(promiseDate, template!.dueOffsetDays) });
    const [action] = await db.select().from(actions).where(eq(actions.id, result.followUp!.actionId));
    expect(action).toMatchObject({
      customerId: acmeId,
      templateId: template!.id,
      channel: "call",
      title: "Check the promised payment",
      dueDate: promiseDate, // offset 0
      state: "open",
      assigneeId: collector.id, // the customer's collector, not the admin who acted
      creatorId: admin.id,
      completedAt: null,
    });
    const links = await db.select().from(actionItems).where(eq(actionItems.actionId, action!.id));
    expect(links.map((link) => link.itemId).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    for (const row of await itemRows(ids)) expect(row).toMatchObject({ statusId: status.id, promiseDate });
    const events = await db.select().from(itemEvents).where(eq(itemEvents.operationId, result.operationId));
    expect(events.map((e) => e.newPromiseDate)).toEqual([promiseDate, promiseDate, promiseDate]);
  });

  it("records the previous status and promise date as the old values", async () => {
    const { db } = database();
    const dispute = await statusByLabel(db, "Dispute – quality");
    const [id] = await idsOf("INV-1001-007");
    const [before] = await itemRows([id!]);
    const result = await changeItemStatus(collector, { customerId: acmeId, itemIds: [id!], statusId: dispute.id, comment: "Damaged goods" });
    const [event] = await db.select().from(itemEvents).where(eq(itemEvents.operationId, result.operationId));
    expect(event).toMatchObject({
      oldStatusId: before!.statusId,
      newStatusId: dispute.id,
      oldPromiseDate: before!.promiseDate,
      newPromiseDate: null,
      comment: "Damaged goods",
    });
    expect(before!.promiseDate).not.toBeNull();
  });

  it("accepts today as the promise date (in the organisation's time zone)", async () => {
    const { db } = database();
    const status = await statusByLabel(db, "Payment in progress");
    const [id] = await idsOf("INV-1001-010");
    const result = await changeItemStatus(collector, { customerId: acmeId, itemIds: [id!], statusId: status.id, promiseDate: today() });
    expect(result.promiseDate).toBe(today());
  });

  describe("refuses, leaving every table unchanged", () => {
    it("an item of another customer", async () => {
      const { db } = database();
      const status = await statusByLabel(db, "Dispute – price");
      const [own] = await idsOf("INV-1001-011");
      const [foreign] = await idsOf("INV-1002-00001");
      await expectRefusedWithoutWrites(
        [own!, foreign!],
        () => changeItemStatus(collector, { customerId: acmeId, itemIds: [own!, foreign!], statusId: status.id }),
        NotFoundError,
        "itemsNotFound",
      );
    });

    it("a credit note", async () => {
      const { db } = database();
      const status = await statusByLabel(db, "Dispute – price");
      const ids = await idsOf("INV-1001-011", "CN-1001-001");
      await expectRefusedWithoutWrites(
        ids,
        () => changeItemStatus(collector, { customerId: acmeId, itemIds: ids, statusId: status.id }),
        DomainError,
        "itemsNotEligible",
      );
      await expect(changeItemStatus(collector, { customerId: acmeId, itemIds: ids, statusId: status.id })).rejects.toMatchObject({
        values: { documents: "CN-1001-001" },
      });
    });

    it("a closed (fully paid) item", async () => {
      const { db } = database();
      const status = await statusByLabel(db, "Promise to pay");
      const ids = await idsOf("INV-1001-011", "INV-1001-090");
      await expectRefusedWithoutWrites(
        ids,
        () => changeItemStatus(collector, { customerId: acmeId, itemIds: ids, statusId: status.id, promiseDate: addCalendarDays(today(), 3) }),
        DomainError,
        "itemsNotEligible",
      );
    });

    it("a viewer, and a caller who is not signed in", async () => {
      const { db } = database();
      const status = await statusByLabel(db, "Dispute – price");
      const ids = await idsOf("INV-1001-011");
      await expectRefusedWithoutWrites(ids, () => changeItemStatus(viewer, { customerId: acmeId, itemIds: ids, statusId: status.id }), ForbiddenError);
      await expectRefusedWithoutWrites(ids, () => changeItemStatus(null, { customerId: acmeId, itemIds: ids, statusId: status.id }), NotSignedInError);
      await expect(listActiveStatuses(viewer)).rejects.toBeInstanceOf(ForbiddenError);
    });

    it("an archived status", async () => {
      const { db } = database();
      const ids = await idsOf("INV-1001-011");
      await db.update(itemStatuses).set({ archived: true }).where(eq(itemStatuses.label, "Awaiting purchase order"));
      try {
        const status = await statusByLabel(db, "Awaiting purchase order");
        await expectRefusedWithoutWrites(
          ids,
          () => changeItemStatus(collector, { customerId: acmeId, itemIds: ids, statusId: status.id }),
          DomainError,
          "statusArchived",
        );
        expect((await listActiveStatuses(collector)).map((s) => s.label)).not.toContain("Awaiting purchase order");
      } finally {
        await db.update(itemStatuses).set({ archived: false }).where(eq(itemStatuses.label, "Awaiting purchase order"));
      }
    });

    it("a promise date in the past", async () => {
      const { db } = database();
      const status = await statusByLabel(db, "Promise to pay");
      const ids = await idsOf("INV-1001-011");
      await expectRefusedWithoutWrites(
        ids,
        () => changeItemStatus(collector, { customerId: acmeId, itemIds: ids, statusId: status.id, promiseDate: addCalendarDays(today(), -1) }),
        DomainError,
        "promiseDateInPast",
      );
    });

    it("a promise date more than a year away (a mistyped year)", async () => {
      const { db } = database();
      const status = await statusByLabel(db, "Promise to pay");
      const ids = await idsOf("INV-1001-011");
      await expectRefusedWithoutWrites(
        ids,
        () => changeItemStatus(collector, { customerId: acmeId, itemIds: ids, statusId: status.id, promiseDate: addCalendarDays(today(), 367) }),
        DomainError,
        "promiseDateTooFar",
      );
    });

    it("an unknown status or customer, and malformed input", async () => {
      const { db } = database();
      const status = await statusByLabel(db, "Dispute – price");
      const ids = await idsOf("INV-1001-011");
      await expectRefusedWithoutWrites(ids, () => changeItemStatus(collector, { customerId: acmeId, itemIds: ids, statusId: 999_999 }), NotFoundError, "statusNotFound");
      await expectRefusedWithoutWrites(ids, () => changeItemStatus(collector, { customerId: 999_999, itemIds: ids, statusId: status.id }), NotFoundError, "customerNotFound");
      for (const bad of [
        { customerId: acmeId, itemIds: [], statusId: status.id },
        { customerId: acmeId, itemIds: ids, statusId: status.id, promiseDate: "31/12/2030" },
        { customerId: acmeId, itemIds: ids, statusId: status.id, comment: "x".repeat(2_001) },
        { customerId: acmeId, itemIds: ids, statusId: status.id, extra: true },
        { customerId: acmeId, itemIds: Array.from({ length: 5_001 }, (_, i) => i + 1), statusId: status.id },
      ]) {
        await expectRefusedWithoutWrites(ids, () => changeItemStatus(collector, bad), InvalidInputError);
      }
    });

    it("a collector on a customer not theirs when the organisation restricts collectors", async () => {
      const { db } = database();
      const status = await statusByLabel(db, "Dispute – price");
      const { rows } = await db.execute<{ id: number }>(sql`
        select i.id from items i join customers c on c.id = i.customer_id
        where c.collector_id is null and i.type = 'invoice' and i.outstanding > 0 order by i.id limit 1`);
      const itemId = Number(rows[0]!.id);
      const [item] = await itemRows([itemId]);
      await db.update(organizationSettings).set({ collectorsOwnCustomersOnly: true });
      try {
        await expectRefusedWithoutWrites(
          [itemId],
          () => changeItemStatus(collector, { customerId: item!.customerId, itemIds: [itemId], statusId: status.id }),
          ForbiddenError,
          "notYourCustomer",
        );
        // Admins are not restricted, and the collector's own customers stay open to them.
        await changeItemStatus(admin, { customerId: item!.customerId, itemIds: [itemId], statusId: status.id });
        const [own] = await idsOf("INV-1001-012");
        await changeItemStatus(collector, { customerId: acmeId, itemIds: [own!], statusId: status.id });
      } finally {
        await db.update(organizationSettings).set({ collectorsOwnCustomersOnly: false });
      }
    });
  });

  it("qualifies all 5,000 Globex items in one operation", async () => {
    const { db } = database();
    const status = await statusByLabel(db, "Promise to pay");
    const { rows } = await db.execute<{ id: number }>(sql`select id from items where customer_id = ${globexId} and outstanding > 0`);
    const ids = rows.map((row) => Number(row.id));
    const result = await changeItemStatus(collector, { customerId: globexId, itemIds: ids, statusId: status.id, promiseDate: addCalendarDays(today(), 5) });
    expect(result.count).toBe(5_000);
    const [{ n } = { n: 0 }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(itemEvents)
      .where(and(eq(itemEvents.operationId, result.operationId), eq(itemEvents.customerId, globexId)));
    expect(n).toBe(5_000);
    const [{ links } = { links: 0 }] = await db
      .select({ links: sql<number>`count(*)::int` })
      .from(actionItems)
      .where(eq(actionItems.actionId, result.followUp!.actionId));
    expect(links).toBe(5_000);
  });

  it("accepts the dialog's form fields as strings (the server action's schema)", () => {
    const parsed = changeStatusSchema.parse({ customerId: "1", itemIds: ["3", "2", "3"], statusId: "4", promiseDate: "", comment: "" });
    expect(parsed).toEqual({ customerId: 1, itemIds: [2, 3], statusId: 4, promiseDate: null, comment: null });
  });
});
