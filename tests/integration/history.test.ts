import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { itemEvents } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { addCalendarDays, todayIn } from "@/lib/calendar";
import { NotSignedInError } from "@/lib/errors";
import { getCustomerHistory, getOperationItems, HISTORY_PAGE_SIZE, HISTORY_PREVIEW_ITEMS } from "@/lib/history";
import { changeItemStatus } from "@/lib/itemStatus";

import { useTestDatabase } from "../helpers/db";
import { demoCast, itemByNumber, statusByLabel } from "../helpers/demo";

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

async function ids(...numbers: string[]) {
  return Promise.all(numbers.map(async (n) => (await itemByNumber(database().db, n)).id));
}

describe("getCustomerHistory", () => {
  it("is empty before anything changes", async () => {
    const history = await getCustomerHistory(viewer, { customerId: acmeId, page: 1 });
    expect(history).toMatchObject({ entries: [], total: 0, page: 1, pageCount: 1 });
  });

  it("groups the events of one operation into one entry, newest first", async () => {
    const { db } = database();
    const dispute = await statusByLabel(db, "Dispute – price");
    const promise = await statusByLabel(db, "Promise to pay");
    const first = await changeItemStatus(collector, {
      customerId: acmeId,
      itemIds: await ids("INV-1001-007", "INV-1001-005", "INV-1001-006"),
      statusId: dispute.id,
      comment: "Price disputed on the phone",
    });
    const promiseDate = addCalendarDays(today(), 7);
    const second = await changeItemStatus(admin, {
      customerId: acmeId,
      itemIds: await ids("INV-1001-005"),
      statusId: promise.id,
      promiseDate,
    });

    const history = await getCustomerHistory(viewer, { customerId: acmeId, page: 1 });
    expect(history.total).toBe(2);
    expect(history.entries.map((e) => e.operationId)).toEqual([second.operationId, first.operationId]);
    const [latest, earliest] = history.entries;
    expect(latest).toMatchObject({
      actorName: "Alice Admin",
      source: "change_status",
      itemCount: 1,
      documentNumbers: ["INV-1001-005"],
      oldStatuses: [{ id: dispute.id, label: "Dispute – price", colour: dispute.colour }],
      newStatus: { id: promise.id, label: "Promise to pay", colour: promise.colour },
      oldPromiseDates: [null],
      newPromiseDate: promiseDate,
      comment: null,
    });
    expect(earliest).toMatchObject({
      actorName: "Colin Collector",
      itemCount: 3,
      documentNumbers: ["INV-1001-005", "INV-1001-006", "INV-1001-007"],
      oldStatuses: [null],
      newStatus: { label: "Dispute – price" },
      oldPromiseDates: [null],
      newPromiseDate: null,
      comment: "Price disputed on the phone",
    });
    expect(Date.parse(latest!.occurredAt)).toBeGreaterThanOrEqual(Date.parse(earliest!.occurredAt));
  });

  it("lists several old values when the items differed, and each item's own in the expanded entry", async () => {
    const { db } = database();
    const quality = await statusByLabel(db, "Dispute – quality");
    // INV-1001-005 is "Promise to pay", -006 "Dispute – price", -008 has no status yet.
    const result = await changeItemStatus(collector, {
      customerId: acmeId,
      itemIds: await ids("INV-1001-005", "INV-1001-006", "INV-1001-008"),
      statusId: quality.id,
    });
    const [entry] = (await getCustomerHistory(viewer, { customerId: acmeId, page: 1 })).entries;
    expect(entry!.operationId).toBe(result.operationId);
    expect(entry!.oldStatuses.map((s) => s?.label ?? null).sort()).toEqual([null, "Dispute – price", "Promise to pay"].sort());
    expect(entry!.oldPromiseDates).toHaveLength(2);

    const items = await getOperationItems(viewer, { customerId: acmeId, operationId: result.operationId });
    expect(items.map((i) => [i.documentNumber, i.oldStatus?.label ?? null, i.newStatus?.label])).toEqual([
      ["INV-1001-005", "Promise to pay", "Dispute – quality"],
      ["INV-1001-006", "Dispute – price", "Dispute – quality"],
      ["INV-1001-008", null, "Dispute – quality"],
    ]);
    expect(items[0]!.oldPromiseDate).toBe(addCalendarDays(today(), 7));
    // Another customer's file does not show this operation's items.
    expect(await getOperationItems(viewer, { customerId: globexId, operationId: result.operationId })).toEqual([]);
    expect(await getOperationItems(viewer, { customerId: acmeId, operationId: "not-a-uuid" })).toEqual([]);
  });

  it("shows a 5,000-item operation as one entry with its count and first document numbers", async () => {
    const { db } = database();
    const status = await statusByLabel(db, "Payment in progress");
    const { rows } = await db.execute<{ id: number }>(sql`select id from items where customer_id = ${globexId} and outstanding > 0`);
    const result = await changeItemStatus(collector, { customerId: globexId, itemIds: rows.map((r) => Number(r.id)), statusId: status.id });

    const history = await getCustomerHistory(viewer, { customerId: globexId, page: 1 });
    expect(history.total).toBe(1);
    expect(history.entries[0]).toMatchObject({ operationId: result.operationId, itemCount: 5_000 });
    expect(history.entries[0]!.documentNumbers).toEqual(["INV-1002-00001", "INV-1002-00002", "INV-1002-00003", "INV-1002-00004", "INV-1002-00005"]);
    expect(history.entries[0]!.documentNumbers).toHaveLength(HISTORY_PREVIEW_ITEMS);
    const all = await getOperationItems(viewer, { customerId: globexId, operationId: result.operationId });
    expect(all).toHaveLength(5_000);
  });

  it("paginates by operation, never splitting one across pages, and translates every source", async () => {
    const { db } = database();
    const status = await statusByLabel(db, "Awaiting purchase order");
    const [a, b] = await ids("INV-1001-010", "INV-1001-011");
    for (let i = 0; i < 22; i++) {
      await changeItemStatus(collector, { customerId: acmeId, itemIds: [a!, b!], statusId: status.id, comment: `Call ${i}` });
    }
    // An import writes events too; they group the same way.
    const operationId = crypto.randomUUID();
    await db.insert(itemEvents).values(
      [a!, b!].map((itemId) => ({ itemId, customerId: acmeId, actorId: admin.id, operationId, source: "import" as const, newStatusId: status.id })),
    );

    const first = await getCustomerHistory(collector, { customerId: acmeId, page: 1 });
    const second = await getCustomerHistory(collector, { customerId: acmeId, page: 2 });
    expect(first.total).toBe(3 + 22 + 1);
    expect(first.pageCount).toBe(2);
    expect(first.entries).toHaveLength(HISTORY_PAGE_SIZE);
    expect(second.entries).toHaveLength(26 - HISTORY_PAGE_SIZE);
    expect(first.entries[0]).toMatchObject({ operationId, source: "import", itemCount: 2 });
    const seen = [...first.entries, ...second.entries].map((e) => e.operationId);
    expect(new Set(seen).size).toBe(26);
    expect(first.entries.slice(1).every((e) => e.itemCount === 2)).toBe(true);
  });

  it("refuses a caller who is not signed in", async () => {
    await expect(getCustomerHistory(null, { customerId: acmeId, page: 1 })).rejects.toBeInstanceOf(NotSignedInError);
    await expect(getOperationItems(null, { customerId: acmeId, operationId: crypto.randomUUID() })).rejects.toBeInstanceOf(NotSignedInError);
  });
});
