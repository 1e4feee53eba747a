import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { actions, customers, organizationSettings } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { addCalendarDays, todayIn } from "@/lib/calendar";
import { DomainError, ForbiddenError, InvalidInputError, NotFoundError, NotSignedInError } from "@/lib/errors";
import {
  ACTIONS_PAGE_SIZE,
  defaultActionScope,
  listActions,
  markActionDone,
  parseActionListQuery,
  type ActionListQuery,
} from "@/lib/followUps";
import { changeItemStatus } from "@/lib/itemStatus";

import { useTestDatabase } from "../helpers/db";
import { demoCast, itemByNumber, statusByLabel } from "../helpers/demo";
import { snapshotWrites } from "../helpers/snapshot";

const database = useTestDatabase();
let collector: Actor;
let admin: Actor;
let viewer: Actor;
let acmeId: number;
let globexId: number;
/** The follow-up created through "Promise to pay" on two ACME items. */
let promiseActionId: number;

const today = () => todayIn("Europe/Paris");
const openAll: ActionListQuery = { scope: "all", state: "open", page: 1 };

async function insertAction(values: { customerId: number; dueDate: string; assigneeId: number; title: string; state?: "open" | "done" }) {
  const [row] = await database()
    .db.insert(actions)
    .values({ channel: "task", creatorId: admin.id, ...values })
    .returning({ id: actions.id });
  return row!.id;
}

beforeAll(async () => {
  const { db } = database();
  ({ collector, admin, viewer, acmeId, globexId } = await demoCast(db));
  const status = await statusByLabel(db, "Promise to pay");
  const items = await Promise.all(["INV-1001-005", "INV-1001-006"].map((n) => itemByNumber(db, n)));
  const result = await changeItemStatus(collector, {
    customerId: acmeId,
    itemIds: items.map((i) => i.id),
    statusId: status.id,
    promiseDate: addCalendarDays(today(), 4),
  });
  promiseActionId = result.followUp!.actionId;
});

describe("listActions", () => {
  it("shows the follow-up of a promise with its customer, assignee, channel and linked items", async () => {
    const list = await listActions(collector, { ...openAll, scope: "mine" });
    const row = list.rows.find((r) => r.id === promiseActionId);
    expect(row).toEqual({
      id: promiseActionId,
      dueDate: addCalendarDays(today(), 4),
      customer: { id: acmeId, name: "ACME Industries" },
      title: "Check the promised payment",
      channel: "call",
      assigneeName: "Colin Collector",
      state: "open",
      overdue: false,
      linkedItems: 2,
      completedAt: null,
      completedByName: null,
      completionNote: null,
    });
    expect(list.today).toBe(today());
  });

  it("filters Mine / All, by customer, and Overdue (open and due before today)", async () => {
    const late = await insertAction({ customerId: globexId, dueDate: addCalendarDays(today(), -3), assigneeId: collector.id, title: "Late call" });
    const dueToday = await insertAction({ customerId: globexId, dueDate: today(), assigneeId: collector.id, title: "Call today" });
    const admins = await insertAction({ customerId: acmeId, dueDate: addCalendarDays(today(), -1), assigneeId: admin.id, title: "Admin's letter" });
    const lateDone = await insertAction({ customerId: acmeId, dueDate: addCalendarDays(today(), -9), assigneeId: collector.id, title: "Old", state: "done" });

    const mine = await listActions(collector, { ...openAll, scope: "mine" });
    expect(mine.rows.map((r) => r.id)).toEqual(expect.arrayContaining([late, dueToday, promiseActionId]));
    expect(mine.rows.map((r) => r.id)).not.toContain(admins);
    const dueDates = mine.rows.map((r) => r.dueDate);
    expect(dueDates).toEqual([...dueDates].sort());

    const everyone = await listActions(collector, openAll);
    expect(everyone.rows.map((r) => r.id)).toContain(admins);
    expect(everyone.rows.map((r) => r.id)).not.toContain(lateDone);

    const overdue = await listActions(viewer, { ...openAll, state: "overdue" });
    expect(overdue.rows.map((r) => r.id).sort()).toEqual([late, admins].sort());
    expect(overdue.rows.every((r) => r.overdue)).toBe(true);
    expect(everyone.rows.find((r) => r.id === dueToday)!.overdue).toBe(false);

    const acmeOnly = await listActions(viewer, { ...openAll, customerId: acmeId });
    expect(acmeOnly.rows.every((r) => r.customer.id === acmeId)).toBe(true);
    expect(acmeOnly.rows.map((r) => r.id)).toEqual(expect.arrayContaining([promiseActionId, admins]));

    const done = await listActions(viewer, { ...openAll, state: "done" });
    expect(done.rows.map((r) => r.id)).toContain(lateDone);
    expect(done.rows.every((r) => r.state === "done")).toBe(true);
    const every = await listActions(viewer, { ...openAll, state: "all" });
    expect(every.total).toBe(everyone.total + done.total);
  });

  it("counts 'overdue' from today in the organisation's time zone", async () => {
    const { db } = database();
    // In Kiritimati (UTC+14) "today" may be a day ahead of Paris; an action due on Paris' today is never overdue there.
    await db.update(organizationSettings).set({ timeZone: "Pacific/Kiritimati" });
    try {
      const list = await listActions(viewer, { ...openAll, state: "overdue" });
      expect(list.today).toBe(todayIn("Pacific/Kiritimati"));
      expect(list.rows.every((r) => r.dueDate < todayIn("Pacific/Kiritimati"))).toBe(true);
    } finally {
      await db.update(organizationSettings).set({ timeZone: "Europe/Paris" });
    }
  });

  it("paginates 50 actions a page", async () => {
    const { db } = database();
    const [customer] = await db.insert(customers).values({ code: "ACT-1", name: "Many Actions Ltd", currency: "EUR" }).returning();
    await db.insert(actions).values(
      Array.from({ length: 60 }, (_, i) => ({
        customerId: customer!.id,
        channel: "email" as const,
        title: `Reminder ${i}`,
        dueDate: addCalendarDays(today(), i),
        assigneeId: admin.id,
        creatorId: admin.id,
      })),
    );
    const first = await listActions(admin, { ...openAll, customerId: customer!.id });
    const second = await listActions(admin, { ...openAll, customerId: customer!.id, page: 2 });
    expect(first).toMatchObject({ total: 60, pageCount: 2, pageSize: ACTIONS_PAGE_SIZE });
    expect(first.rows).toHaveLength(50);
    expect(second.rows).toHaveLength(10);
    expect(second.rows[0]!.title).toBe("Reminder 50");
  });

  it("refuses a caller who is not signed in", async () => {
    await expect(listActions(null, openAll)).rejects.toBeInstanceOf(NotSignedInError);
  });
});

describe("markActionDone", () => {
  it("records who, when and the note, in one go", async () => {
    const { db } = database();
    const started = Date.now();
    const result = await markActionDone(collector, { actionId: promiseActionId, note: "  Paid by transfer on the phone  " });
    expect(result).toMatchObject({ actionId: promiseActionId, customerId: acmeId });
    const [row] = await db.select().from(actions).where(eq(actions.id, promiseActionId));
    expect(row).toMatchObject({ state: "done", completedById: collector.id, completionNote: "Paid by transfer on the phone" });
    expect(row!.completedAt!.getTime()).toBeGreaterThanOrEqual(started - 5_000);
    expect(new Date(result.completedAt).getTime()).toBe(row!.completedAt!.getTime());

    const done = await listActions(viewer, { ...openAll, state: "done", customerId: acmeId });
    expect(done.rows.find((r) => r.id === promiseActionId)).toMatchObject({
      state: "done",
      completedByName: "Colin Collector",
      completionNote: "Paid by transfer on the phone",
      completedAt: result.completedAt,
    });
  });

  it("stores no note when none is given", async () => {
    const id = await insertAction({ customerId: acmeId, dueDate: today(), assigneeId: collector.id, title: "No note" });
    await markActionDone(admin, { actionId: id, note: "" });
    const [row] = await database().db.select().from(actions).where(eq(actions.id, id));
    expect(row).toMatchObject({ state: "done", completionNote: null, completedById: admin.id });
  });

  describe("refuses, changing nothing", () => {
    async function expectRefused(call: () => Promise<unknown>, error: unknown, key?: string) {
      const before = await snapshotWrites(database().db);
      await expect(call()).rejects.toBeInstanceOf(error as never);
      if (key) await expect(call()).rejects.toMatchObject({ key });
      expect(await snapshotWrites(database().db)).toEqual(before);
    }

    it("a viewer and a caller who is not signed in", async () => {
      const id = await insertAction({ customerId: acmeId, dueDate: today(), assigneeId: collector.id, title: "Viewer try" });
      await expectRefused(() => markActionDone(viewer, { actionId: id }), ForbiddenError);
      await expectRefused(() => markActionDone(null, { actionId: id }), NotSignedInError);
    });

    it("an action already done, an unknown action and malformed input", async () => {
      await expectRefused(() => markActionDone(collector, { actionId: promiseActionId, note: "again" }), DomainError, "actionNotOpen");
      await expectRefused(() => markActionDone(collector, { actionId: 999_999 }), NotFoundError, "actionNotFound");
      await expectRefused(() => markActionDone(collector, { actionId: "x" }), InvalidInputError);
      await expectRefused(() => markActionDone(collector, { actionId: promiseActionId, state: "open" }), InvalidInputError);
      await expectRefused(() => markActionDone(collector, { actionId: promiseActionId, note: "x".repeat(2_001) }), InvalidInputError);
    });

    it("a collector restricted to their customers, unless the action is theirs", async () => {
      const { db } = database();
      const [orphan] = await db.insert(customers).values({ code: "ORPH-1", name: "Orphan Ltd", currency: "EUR" }).returning();
      const others = await insertAction({ customerId: orphan!.id, dueDate: today(), assigneeId: admin.id, title: "Not yours" });
      const assigned = await insertAction({ customerId: orphan!.id, dueDate: today(), assigneeId: collector.id, title: "Yours" });
      await db.update(organizationSettings).set({ collectorsOwnCustomersOnly: true });
      try {
        await expectRefused(() => markActionDone(collector, { actionId: others }), ForbiddenError, "notYourCustomer");
        await markActionDone(collector, { actionId: assigned });
        await markActionDone(admin, { actionId: others });
      } finally {
        await db.update(organizationSettings).set({ collectorsOwnCustomersOnly: false });
      }
    });
  });
});

describe("parseActionListQuery", () => {
  it("defaults collectors to their own open actions and others to all open actions", () => {
    expect(parseActionListQuery({}, { scope: defaultActionScope("collector") })).toEqual({ scope: "mine", state: "open", page: 1 });
    expect(parseActionListQuery({}, { scope: defaultActionScope("admin") })).toEqual({ scope: "all", state: "open", page: 1 });
    expect(parseActionListQuery({}, { scope: defaultActionScope("viewer") }).scope).toBe("all");
    expect(parseActionListQuery({ scope: "all", state: "overdue", page: "2" }, { scope: "mine" })).toEqual({
      scope: "all",
      state: "overdue",
      page: 2,
    });
    expect(parseActionListQuery({ scope: "x", state: "late", page: "abc" }, { scope: "mine" })).toEqual({
      scope: "mine",
      state: "open",
      page: 1,
    });
  });
});
