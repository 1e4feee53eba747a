import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { customers, organizationSettings } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { addCalendarDays, todayIn } from "@/lib/calendar";
import { NotSignedInError } from "@/lib/errors";
import { changeItemStatus } from "@/lib/itemStatus";
import {
  CUSTOMERS_PAGE_SIZE,
  getCustomerFile,
  likePattern,
  listCustomers,
  parseCustomerId,
  parseCustomerListQuery,
} from "@/lib/customers";

import { useTestDatabase } from "../helpers/db";
import { demoCast, itemByNumber, statusByLabel } from "../helpers/demo";

const database = useTestDatabase();
let admin: Actor;
let collector: Actor;
let viewer: Actor;
let acmeId: number;
let globexId: number;

const today = () => todayIn("Europe/Paris");
const all = { search: "", scope: "all", sort: "name", page: 1 } as const;

beforeAll(async () => {
  const { db } = database();
  ({ admin, collector, viewer, acmeId, globexId } = await demoCast(db));
});

/** The same figures, computed the slow and obvious way. */
async function expectedFigures(customerId: number) {
  const { rows } = await database().db.execute<Record<string, string | number | null>>(sql`
    select coalesce(sum(outstanding), 0) as outstanding,
           coalesce(sum(outstanding) filter (where outstanding > 0 and due_date < ${today()}::date), 0) as overdue,
           count(*) as open_items,
           ${today()}::date - min(due_date) filter (where outstanding > 0 and due_date < ${today()}::date) as oldest
    from items where customer_id = ${customerId} and outstanding <> 0`);
  const row = rows[0]!;
  return {
    outstanding: Number(row.outstanding),
    overdue: Number(row.overdue),
    openItems: Number(row.open_items),
    oldestOverdueDays: row.oldest === null ? null : Number(row.oldest),
  };
}

describe("listCustomers", () => {
  it("lists every customer by name with their open-item figures", async () => {
    const page = await listCustomers(admin, all);
    const [{ n } = { n: 0 }] = await database().db.select({ n: sql<number>`count(*)::int` }).from(customers);
    expect(page.total).toBe(n);
    expect(page.rows.length).toBe(Math.min(n, CUSTOMERS_PAGE_SIZE));
    const names = page.rows.map((row) => row.name.toLowerCase());
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

    const acme = page.rows.find((row) => row.id === acmeId)!;
    expect(acme).toMatchObject({ code: "C-1001", name: "ACME Industries", collectorName: "Colin Collector", currency: "EUR" });
    expect(acme).toMatchObject(await expectedFigures(acmeId));
    // 12 open invoices (one part-paid) and the open credit note; the paid invoice is not open.
    expect(acme.openItems).toBe(13);
    expect(acme.oldestOverdueDays).toBe(75);
  });

  it("gives the same figures whatever the sort (the query shape changes with it)", async () => {
    for (const sort of ["outstanding", "overdue"] as const) {
      const page = await listCustomers(admin, { ...all, sort });
      const acme = page.rows.find((row) => row.id === acmeId)!;
      expect(acme).toMatchObject(await expectedFigures(acmeId));
    }
    const searched = await listCustomers(admin, { ...all, search: "acme", sort: "outstanding" });
    expect(searched.rows[0]).toMatchObject(await expectedFigures(acmeId));
  });

  it("sorts by outstanding and by overdue, highest first", async () => {
    const byOutstanding = await listCustomers(admin, { ...all, sort: "outstanding" });
    expect(byOutstanding.rows[0]!.id).toBe(globexId);
    const amounts = byOutstanding.rows.map((row) => row.outstanding);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));

    const byOverdue = await listCustomers(admin, { ...all, sort: "overdue" });
    const overdue = byOverdue.rows.map((row) => row.overdue);
    expect(overdue).toEqual([...overdue].sort((a, b) => b - a));
  });

  it("searches names and codes, case-insensitively, with % and _ taken literally", async () => {
    const byName = await listCustomers(collector, { ...all, search: "aCmE" });
    expect(byName.rows.map((row) => row.name)).toEqual(["ACME Industries"]);
    const byCode = await listCustomers(collector, { ...all, search: "c-1002" });
    expect(byCode.rows.map((row) => row.name)).toEqual(["Globex Corporation"]);
    expect((await listCustomers(collector, { ...all, search: "%" })).total).toBe(0);
    expect((await listCustomers(collector, { ...all, search: "ACME_Industries" })).total).toBe(0);
    expect(likePattern("50%_a\\b")).toBe("%50\\%\\_a\\\\b%");
  });

  it("shows a collector their own portfolio under 'My customers'", async () => {
    const mine = await listCustomers(collector, { ...all, scope: "mine" });
    const everyone = await listCustomers(collector, all);
    const [{ n } = { n: 0 }] = await database()
      .db.select({ n: sql<number>`count(*)::int` })
      .from(customers)
      .where(eq(customers.collectorId, collector.id));
    expect(mine.total).toBe(n);
    expect(everyone.total).toBeGreaterThan(mine.total);
    expect(mine.rows.every((row) => row.collectorName === "Colin Collector")).toBe(true);
    expect((await listCustomers(admin, { ...all, scope: "mine" })).total).toBe(0);
  });

  it("paginates 50 customers a page without overlap, and counts every match", async () => {
    const { db } = database();
    await db.execute(sql`
      insert into customers (code, name, currency)
      select 'P-' || lpad(g::text, 3, '0'), 'Paginated Customer ' || lpad(g::text, 3, '0'), 'EUR'
      from generate_series(1, 60) as g`);
    const first = await listCustomers(viewer, { ...all, search: "paginated" });
    const second = await listCustomers(viewer, { ...all, search: "paginated", page: 2 });
    const third = await listCustomers(viewer, { ...all, search: "paginated", page: 3 });
    expect(first).toMatchObject({ total: 60, pageCount: 2, pageSize: 50 });
    expect(first.rows).toHaveLength(50);
    expect(second.rows).toHaveLength(10);
    expect(third.rows).toHaveLength(0);
    expect(first.rows[0]!.name).toBe("Paginated Customer 001");
    expect(second.rows[0]!.name).toBe("Paginated Customer 051");
    const ids = new Set([...first.rows, ...second.rows].map((row) => row.id));
    expect(ids.size).toBe(60);
    // A customer without items shows zeros, not blanks.
    expect(first.rows[0]).toMatchObject({ outstanding: 0, overdue: 0, openItems: 0, oldestOverdueDays: null });
  });

  it("refuses a caller who is not signed in", async () => {
    await expect(listCustomers(null, all)).rejects.toBeInstanceOf(NotSignedInError);
  });
});

describe("parseCustomerListQuery", () => {
  it("defaults to 'My customers' for collectors and 'All customers' for others, sorted by name", () => {
    expect(parseCustomerListQuery({}, "collector")).toEqual({ search: "", sort: "name", scope: "mine", page: 1 });
    expect(parseCustomerListQuery({}, "admin")).toEqual({ search: "", sort: "name", scope: "all", page: 1 });
    expect(parseCustomerListQuery({}, "viewer").scope).toBe("all");
  });

  it("keeps valid parameters and falls back on anything else", () => {
    expect(parseCustomerListQuery({ q: "  acme ", sort: "overdue", scope: "all", page: "3" }, "collector")).toEqual({
      search: "acme",
      sort: "overdue",
      scope: "all",
      page: 3,
    });
    expect(parseCustomerListQuery({ q: ["x", "y"], sort: "drop table", scope: "theirs", page: "-2" }, "admin")).toEqual({
      search: "x",
      sort: "name",
      scope: "all",
      page: 1,
    });
  });
});

describe("getCustomerFile", () => {
  it("summarises the account: outstanding, overdue, not yet due, credits, open items", async () => {
    const file = (await getCustomerFile(viewer, { customerId: acmeId }))!;
    expect(file).toMatchObject({
      id: acmeId,
      code: "C-1001",
      name: "ACME Industries",
      collector: { id: collector.id, name: "Colin Collector" },
      contactName: "Wile E. Coyote",
      contactEmail: "accounts@acme.example",
      contactPhone: "+33 1 23 45 67 89",
      openItems: 13,
      nextPromiseDate: null,
      promised: { EUR: 0 },
      today: today(),
    });
    const figures = await expectedFigures(acmeId);
    expect(file.outstanding.EUR).toBe(figures.outstanding);
    expect(file.overdue.EUR).toBe(figures.overdue);
    expect(file.unappliedCredits.EUR).toBe(-35_000);
    expect(file.overdue.EUR! + file.notYetDue.EUR! + file.unappliedCredits.EUR!).toBe(file.outstanding.EUR);
  });

  it("counts as promised the open items whose promise date is today or later, and names the next one", async () => {
    const { db } = database();
    const status = await statusByLabel(db, "Payment in progress");
    const soon = await itemByNumber(db, "INV-1001-010");
    const later = await itemByNumber(db, "INV-1001-011");
    await changeItemStatus(collector, { customerId: acmeId, itemIds: [soon.id], statusId: status.id, promiseDate: addCalendarDays(today(), 2) });
    await changeItemStatus(collector, { customerId: acmeId, itemIds: [later.id], statusId: status.id, promiseDate: addCalendarDays(today(), 9) });
    // A promise already past does not count.
    await db.execute(sql`update items set promise_date = ${addCalendarDays(today(), -1)}::date where document_number = 'INV-1001-012'`);

    const file = (await getCustomerFile(collector, { customerId: acmeId }))!;
    expect(file.promised).toEqual({ EUR: soon.outstanding + later.outstanding });
    expect(file.nextPromiseDate).toBe(addCalendarDays(today(), 2));
  });

  it("uses the organisation's time zone for today", async () => {
    const { db } = database();
    await db.update(organizationSettings).set({ timeZone: "Pacific/Kiritimati" });
    try {
      expect((await getCustomerFile(admin, { customerId: globexId }))!.today).toBe(todayIn("Pacific/Kiritimati"));
    } finally {
      await db.update(organizationSettings).set({ timeZone: "Europe/Paris" });
    }
  });

  it("answers null for an unknown customer and refuses a caller who is not signed in", async () => {
    expect(await getCustomerFile(admin, { customerId: 999_999 })).toBeNull();
    await expect(getCustomerFile(null, { customerId: acmeId })).rejects.toBeInstanceOf(NotSignedInError);
  });
});

describe("parseCustomerId", () => {
  it("accepts positive integers that fit PostgreSQL's integer and nothing else", () => {
    expect(parseCustomerId("42")).toBe(42);
    expect(parseCustomerId("2147483647")).toBe(2_147_483_647);
    for (const bad of ["0", "-1", "1.5", "abc", "01", "2147483648", "99999999999", "1e3", ""]) {
      expect(parseCustomerId(bad)).toBeNull();
    }
  });
});
