import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { itemStatuses } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { calendarDaysBetween, todayIn } from "@/lib/calendar";
import { DomainError, NotSignedInError } from "@/lib/errors";
import { changeItemStatus, MAX_ITEMS_PER_OPERATION } from "@/lib/itemStatus";
import {
  filterKey,
  getMatchingSelection,
  getStatementPage,
  isSelectable,
  listStatusOptions,
  parseStatementQuery,
  STATEMENT_PAGE_SIZE,
  type StatementQuery,
} from "@/lib/statement";

import { useTestDatabase } from "../helpers/db";
import { demoCast, itemByNumber, statusByLabel } from "../helpers/demo";

const database = useTestDatabase();
let collector: Actor;
let viewer: Actor;
let acmeId: number;
let globexId: number;

const defaults: StatementQuery = { scope: "open", status: "any", sort: "due_asc", page: 1 };
const today = () => todayIn("Europe/Paris");

beforeAll(async () => {
  const { db } = database();
  ({ collector, viewer, acmeId, globexId } = await demoCast(db));
});

describe("getStatementPage", () => {
  it("shows open items by default, oldest due first, with what each row needs", async () => {
    const page = await getStatementPage(viewer, { customerId: acmeId, ...defaults });
    expect(page).toMatchObject({ total: 13, selectableTotal: 12, page: 1, pageCount: 1, pageSize: STATEMENT_PAGE_SIZE, today: today() });
    const numbers = page.rows.map((row) => row.documentNumber);
    expect(numbers).toContain("CN-1001-001");
    expect(numbers).not.toContain("INV-1001-090"); // fully paid
    const dueDates = page.rows.map((row) => row.dueDate);
    expect(dueDates).toEqual([...dueDates].sort());

    const first = page.rows.find((row) => row.documentNumber === "INV-1001-001")!;
    const stored = await itemByNumber(database().db, "INV-1001-001");
    expect(first).toEqual({
      id: stored.id,
      documentNumber: "INV-1001-001",
      type: "invoice",
      documentDate: stored.documentDate,
      dueDate: stored.dueDate,
      daysOverdue: calendarDaysBetween(stored.dueDate, today()),
      amount: stored.amount,
      outstanding: stored.outstanding,
      currency: "EUR",
      status: null,
      promiseDate: null,
      selectable: true,
    });
    expect(first.daysOverdue).toBe(75);
    const notYetDue = page.rows.find((row) => row.documentNumber === "INV-1001-012")!;
    expect(notYetDue.daysOverdue).toBe(0);
    const credit = page.rows.find((row) => row.documentNumber === "CN-1001-001")!;
    expect(credit).toMatchObject({ type: "credit_note", amount: -35_000, outstanding: -35_000, selectable: false, daysOverdue: 0 });
  });

  it("shows closed items too under 'All items', never as selectable", async () => {
    const page = await getStatementPage(viewer, { customerId: acmeId, ...defaults, scope: "all" });
    expect(page.total).toBe(14);
    expect(page.selectableTotal).toBe(12);
    const paid = page.rows.find((row) => row.documentNumber === "INV-1001-090")!;
    expect(paid).toMatchObject({ outstanding: 0, selectable: false, daysOverdue: 0 });
  });

  it("sorts by amount either way and by due date newest first", async () => {
    const byAmount = await getStatementPage(viewer, { customerId: acmeId, ...defaults, sort: "amount_desc" });
    const amounts = byAmount.rows.map((row) => row.amount);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    const ascending = await getStatementPage(viewer, { customerId: acmeId, ...defaults, sort: "amount_asc" });
    expect(ascending.rows.map((row) => row.amount)).toEqual([...amounts].reverse());
    const newest = await getStatementPage(viewer, { customerId: acmeId, ...defaults, sort: "due_desc" });
    const dueDates = newest.rows.map((row) => row.dueDate);
    expect(dueDates).toEqual([...dueDates].sort().reverse());
  });

  it("filters by status, and by 'No status'", async () => {
    const { db } = database();
    const dispute = await statusByLabel(db, "Dispute – quality");
    const items = await Promise.all(["INV-1001-003", "INV-1001-004"].map((n) => itemByNumber(db, n)));
    await changeItemStatus(collector, { customerId: acmeId, itemIds: items.map((i) => i.id), statusId: dispute.id });

    const disputed = await getStatementPage(viewer, { customerId: acmeId, ...defaults, status: dispute.id });
    expect(disputed.rows.map((row) => row.documentNumber)).toEqual(["INV-1001-003", "INV-1001-004"]);
    expect(disputed.rows[0]!.status).toEqual({ id: dispute.id, label: "Dispute – quality", colour: dispute.colour });
    expect(disputed.total).toBe(2);

    const none = await getStatementPage(viewer, { customerId: acmeId, ...defaults, status: "none" });
    expect(none.total).toBe(11);
    expect(none.rows.every((row) => row.status === null)).toBe(true);
  });

  it("pages through Globex's 5,000 items 100 at a time, in a stable order", async () => {
    const first = await getStatementPage(collector, { customerId: globexId, ...defaults });
    const second = await getStatementPage(collector, { customerId: globexId, ...defaults, page: 2 });
    const last = await getStatementPage(collector, { customerId: globexId, ...defaults, page: 50 });
    expect(first).toMatchObject({ total: 5_000, selectableTotal: 5_000, pageCount: 50 });
    expect(first.rows).toHaveLength(100);
    expect(second.rows).toHaveLength(100);
    expect(last.rows).toHaveLength(100);
    const firstIds = new Set(first.rows.map((row) => row.id));
    expect(second.rows.some((row) => firstIds.has(row.id))).toBe(false);
    const boundary = [first.rows.at(-1)!, second.rows[0]!];
    expect(boundary[0]!.dueDate <= boundary[1]!.dueDate).toBe(true);
    const beyond = await getStatementPage(collector, { customerId: globexId, ...defaults, page: 51 });
    expect(beyond.rows).toHaveLength(0);
  });

  it("shows nothing of another customer and refuses a caller who is not signed in", async () => {
    const unknown = await getStatementPage(viewer, { customerId: 999_999, ...defaults });
    expect(unknown).toMatchObject({ total: 0, rows: [] });
    await expect(getStatementPage(null, { customerId: acmeId, ...defaults })).rejects.toBeInstanceOf(NotSignedInError);
  });
});

describe("getMatchingSelection", () => {
  it("returns every selectable item of the filter with their totals, in one answer", async () => {
    const { db } = database();
    const selection = await getMatchingSelection(collector, { customerId: globexId, scope: "open", status: "any" });
    expect(selection.count).toBe(5_000);
    expect(selection.ids).toHaveLength(5_000);
    expect(new Set(selection.ids).size).toBe(5_000);
    const { rows } = await db.execute<{ total: string | number }>(
      sql`select sum(outstanding) as total from items where customer_id = ${globexId} and outstanding > 0`,
    );
    expect(selection.totals).toEqual({ EUR: Number(rows[0]!.total) });
  });

  it("leaves out credit notes and closed items, and follows the status filter", async () => {
    const { db } = database();
    const acme = await getMatchingSelection(viewer, { customerId: acmeId, scope: "all", status: "any" });
    expect(acme.count).toBe(12);
    const excluded = await Promise.all(["CN-1001-001", "INV-1001-090"].map((n) => itemByNumber(db, n)));
    for (const item of excluded) expect(acme.ids).not.toContain(item.id);

    const dispute = await statusByLabel(db, "Dispute – quality");
    const expected = await Promise.all(["INV-1001-003", "INV-1001-004"].map((n) => itemByNumber(db, n)));
    await changeItemStatus(collector, { customerId: acmeId, itemIds: expected.map((i) => i.id), statusId: dispute.id });
    const disputed = await getMatchingSelection(viewer, { customerId: acmeId, scope: "open", status: dispute.id });
    expect(disputed.ids).toEqual(expected.map((i) => i.id).sort((a, b) => a - b));
    expect(disputed.totals).toEqual({ EUR: expected[0]!.outstanding + expected[1]!.outstanding });
  });

  it(`refuses more than ${MAX_ITEMS_PER_OPERATION} items rather than cutting the selection`, async () => {
    const { db } = database();
    const { rows } = await db.execute<{ id: number }>(
      sql`insert into customers (code, name, currency) values ('BIG-1', 'Big Selection Ltd', 'EUR') returning id`,
    );
    const bigId = Number(rows[0]!.id);
    await db.execute(sql`
      insert into items (customer_id, type, document_number, document_date, due_date, amount, outstanding, currency)
      select ${bigId}, 'invoice', 'BIG-' || g, current_date - 30, current_date, 1000, 1000, 'EUR'
      from generate_series(1, ${MAX_ITEMS_PER_OPERATION + 1}) as g`);
    await expect(getMatchingSelection(collector, { customerId: bigId, scope: "open", status: "any" })).rejects.toMatchObject({
      key: "tooManyItemsToSelect",
    });
    await expect(getMatchingSelection(collector, { customerId: bigId, scope: "open", status: "any" })).rejects.toBeInstanceOf(DomainError);
    await db.execute(sql`update items set outstanding = 0 where customer_id = ${bigId} and document_number = 'BIG-1'`);
    const exact = await getMatchingSelection(collector, { customerId: bigId, scope: "open", status: "any" });
    expect(exact).toMatchObject({ count: MAX_ITEMS_PER_OPERATION, totals: { EUR: MAX_ITEMS_PER_OPERATION * 1000 } });
  });

  it("refuses a caller who is not signed in", async () => {
    await expect(getMatchingSelection(null, { customerId: acmeId, scope: "open", status: "any" })).rejects.toBeInstanceOf(
      NotSignedInError,
    );
  });
});

describe("statement helpers", () => {
  it("parses the URL's filter, sort and page, falling back to the defaults", () => {
    expect(parseStatementQuery({})).toEqual(defaults);
    expect(parseStatementQuery({ scope: "all", status: "none", sort: "amount_desc", page: "4" })).toEqual({
      scope: "all",
      status: "none",
      sort: "amount_desc",
      page: 4,
    });
    expect(parseStatementQuery({ status: "7" }).status).toBe(7);
    expect(parseStatementQuery({ scope: "closed", status: "x", sort: "random", page: "0" })).toEqual(defaults);
  });

  it("keys the selection by the filter only (sort and page keep it)", () => {
    const sortedElsewhere: StatementQuery = { ...defaults, sort: "amount_asc", page: 3 };
    expect(filterKey({ scope: "open", status: "any" })).toBe(filterKey(sortedElsewhere));
    expect(filterKey({ scope: "open", status: "any" })).not.toBe(filterKey({ scope: "all", status: "any" }));
    expect(filterKey({ scope: "open", status: 3 })).not.toBe(filterKey({ scope: "open", status: "none" }));
  });

  it("selects only open debit items", () => {
    expect(isSelectable({ type: "invoice", outstanding: 1 })).toBe(true);
    expect(isSelectable({ type: "debit_note", outstanding: 1 })).toBe(true);
    expect(isSelectable({ type: "invoice", outstanding: 0 })).toBe(false);
    expect(isSelectable({ type: "credit_note", outstanding: -1 })).toBe(false);
    expect(isSelectable({ type: "payment", outstanding: -1 })).toBe(false);
  });

  it("lists every status for the filter, archived ones marked and last", async () => {
    const { db } = database();
    await db.update(itemStatuses).set({ archived: true }).where(eq(itemStatuses.label, "Awaiting purchase order"));
    try {
      const options = await listStatusOptions(viewer);
      expect(options.map((o) => o.label)).toEqual([
        "Promise to pay",
        "Dispute – price",
        "Dispute – quality",
        "Payment in progress",
        "Awaiting purchase order",
      ]);
      expect(options.at(-1)!.archived).toBe(true);
    } finally {
      await db.update(itemStatuses).set({ archived: false }).where(eq(itemStatuses.label, "Awaiting purchase order"));
    }
  });
});
