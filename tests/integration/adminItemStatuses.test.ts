import { randomUUID } from "node:crypto";

import { count, eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";

import { customers, itemEvents, items, itemStatuses, organizationSettings, quickPromiseApplications } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { createActionTemplate, archiveActionTemplate } from "@/lib/actionTemplates";
import {
  archiveItemStatus,
  createItemStatus,
  createItemStatusSchema,
  deleteItemStatus,
  getItemStatus,
  listItemStatuses,
  STATUS_PALETTE,
  unarchiveItemStatus,
  updateItemStatus,
} from "@/lib/itemStatuses";
import { getQuickPromiseConfig, saveQuickPromisePreferences } from "@/lib/quickPromiseSettings";

import { actorOf, auditEvents, settingsRow, statusByLabel, templateByName } from "../helpers/adminFixtures";
import { useTestDatabase } from "../helpers/db";

const database = useTestDatabase();
let admin: Actor;

beforeAll(async () => {
  admin = await actorOf(database().db, "admin");
});

const newStatus = (overrides: Record<string, unknown> = {}) => ({
  label: `Status ${randomUUID().slice(0, 8)}`,
  category: "other",
  colour: "#0891b2",
  actionTemplateId: "",
  sortOrder: "60",
  ...overrides,
});

async function acmeItem(offset = 0) {
  const { db } = database();
  const [acme] = await db.select().from(customers).where(eq(customers.code, "C-1001"));
  const rows = await db.select().from(items).where(eq(items.customerId, acme!.id)).orderBy(items.id);
  return rows[offset]!;
}

describe("listing statuses", () => {
  it("shows the seeded statuses in order with their template, item count and archived flag", async () => {
    const rows = await listItemStatuses(admin);
    expect(rows.map((r) => r.label)).toEqual([
      "Promise to pay",
      "Dispute – price",
      "Dispute – quality",
      "Awaiting purchase order",
      "Payment in progress",
    ]);
    expect(rows[0]).toMatchObject({
      category: "promise",
      colour: "#2563eb",
      archived: false,
      itemCount: 0,
      inHistory: false,
      isQuickPromiseStatus: false,
      actionTemplate: { name: "Check promised payment", archived: false },
    });
    expect(rows[1]!.actionTemplate).toBeNull();
  });

  it("counts the items carrying each status", async () => {
    const { db } = database();
    const status = await statusByLabel(db, "Dispute – quality");
    const first = await acmeItem(0);
    const second = await acmeItem(1);
    await db.update(items).set({ statusId: status.id }).where(eq(items.id, first.id));
    await db.update(items).set({ statusId: status.id }).where(eq(items.id, second.id));
    const row = (await listItemStatuses(admin)).find((r) => r.id === status.id);
    expect(row?.itemCount).toBe(2);
    await db.update(items).set({ statusId: null }).where(eq(items.statusId, status.id));
  });
});

describe("creating a status", () => {
  it("stores label, category, lowercase colour, template and order, and audits it", async () => {
    const { db } = database();
    const template = await templateByName(db, "Check promised payment");
    const { id } = await createItemStatus(admin, {
      label: "  Partial payment promised ",
      category: "promise",
      colour: "#16A34A",
      actionTemplateId: String(template.id),
      sortOrder: "15",
    });
    const [row] = await db.select().from(itemStatuses).where(eq(itemStatuses.id, id));
    expect(row).toMatchObject({
      label: "Partial payment promised",
      category: "promise",
      colour: "#16a34a",
      actionTemplateId: template.id,
      sortOrder: 15,
      archived: false,
    });
    const [audit] = (await auditEvents(db, "item_status.create")).filter((e) => e.entityId === String(id));
    expect(audit).toMatchObject({ actorId: admin.id, entity: "item_status", before: null });
    expect(audit!.after).toMatchObject({ label: "Partial payment promised", colour: "#16a34a" });
  });

  it("refuses a label already used, whatever its case", async () => {
    const { db } = database();
    const before = await db.select({ n: count() }).from(itemStatuses);
    await expect(createItemStatus(admin, newStatus({ label: "promise TO PAY" }))).rejects.toMatchObject({
      key: "statusLabelTaken",
      values: { label: "promise TO PAY" },
    });
    expect(await db.select({ n: count() }).from(itemStatuses)).toEqual(before);
  });

  it("refuses an empty or too long label, an unknown category, a colour that is not #rrggbb, an order out of range", async () => {
    await expect(createItemStatus(admin, newStatus({ label: "   " }))).rejects.toMatchObject({ key: "statusLabelLength" });
    await expect(createItemStatus(admin, newStatus({ label: "x".repeat(61) }))).rejects.toMatchObject({
      key: "statusLabelLength",
    });
    await expect(createItemStatus(admin, newStatus({ category: "legal" }))).rejects.toMatchObject({
      key: "statusCategoryInvalid",
    });
    for (const colour of ["red", "#12345", "#1234567", "#ggg000", ""]) {
      await expect(createItemStatus(admin, newStatus({ colour }))).rejects.toMatchObject({ key: "statusColourInvalid" });
    }
    await expect(createItemStatus(admin, newStatus({ sortOrder: "-1" }))).rejects.toMatchObject({
      key: "statusSortOrderInvalid",
    });
    await expect(createItemStatus(admin, newStatus({ sortOrder: "1.5" }))).rejects.toMatchObject({
      key: "statusSortOrderInvalid",
    });
  });

  it("refuses unknown fields", async () => {
    await expect(createItemStatus(admin, newStatus({ archived: true }))).rejects.toMatchObject({ key: "invalidInput" });
  });

  it("refuses a template that does not exist or is archived", async () => {
    await expect(createItemStatus(admin, newStatus({ actionTemplateId: "999999" }))).rejects.toMatchObject({
      key: "statusTemplateNotFound",
    });
    const { id } = await createActionTemplate(admin, {
      name: "Archived letter",
      channel: "letter",
      title: "Send a letter",
      instructions: "",
      dueOffsetDays: "2",
    });
    await archiveActionTemplate(admin, { id });
    await expect(createItemStatus(admin, newStatus({ actionTemplateId: id }))).rejects.toMatchObject({
      key: "statusTemplateArchived",
      values: { name: "Archived letter" },
    });
  });

  it("accepts every palette colour and stores what the database's check allows (property)", async () => {
    await fc.assert(
      fc.property(
        fc.constantFrom(...STATUS_PALETTE.map((c) => c.hex)),
        fc.boolean(),
        fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim().length > 0),
        (hex, upper, label) => {
          const parsed = createItemStatusSchema.parse(
            newStatus({ colour: upper ? hex.toUpperCase() : hex, label }),
          );
          expect(parsed.colour).toMatch(/^#[0-9a-f]{6}$/);
          expect(parsed.label.length).toBeLessThanOrEqual(60);
          // The schema accepts its own output again (lib functions re-parse what the action parsed).
          expect(createItemStatusSchema.parse(parsed)).toEqual(parsed);
        },
      ),
    );
    const distinct = new Set(STATUS_PALETTE.map((c) => c.hex));
    expect(distinct.size).toBe(STATUS_PALETTE.length);
    for (const hex of distinct) expect(hex).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe("editing a status", () => {
  it("changes its fields and audits before and after", async () => {
    const { db } = database();
    const { id } = await createItemStatus(admin, newStatus({ label: "Awaiting credit note" }));
    await updateItemStatus(admin, {
      id: String(id),
      label: "Awaiting a credit note",
      category: "dispute",
      colour: "#dc2626",
      actionTemplateId: "",
      sortOrder: "25",
    });
    const row = await getItemStatus(admin, id);
    expect(row).toMatchObject({ label: "Awaiting a credit note", category: "dispute", colour: "#dc2626", sortOrder: 25 });
    const audit = (await auditEvents(db, "item_status.update")).find((e) => e.entityId === String(id));
    expect(audit?.before).toMatchObject({ label: "Awaiting credit note", category: "other" });
    expect(audit?.after).toMatchObject({ label: "Awaiting a credit note", category: "dispute" });
  });

  it("keeps its own label in another case but refuses another status's label", async () => {
    const { db } = database();
    const status = await statusByLabel(db, "Payment in progress");
    const base = { id: status.id, category: status.category, colour: status.colour, actionTemplateId: null, sortOrder: status.sortOrder };
    await updateItemStatus(admin, { ...base, label: "Payment In Progress" });
    expect((await statusByLabel(db, "Payment In Progress")).id).toBe(status.id);
    await expect(updateItemStatus(admin, { ...base, label: "DISPUTE – PRICE" })).rejects.toMatchObject({
      key: "statusLabelTaken",
    });
    await updateItemStatus(admin, { ...base, label: "Payment in progress" });
  });

  it("refuses a status that does not exist", async () => {
    await expect(updateItemStatus(admin, { id: 999999, ...newStatus() })).rejects.toMatchObject({
      key: "statusNotFound",
    });
  });
});

describe("archiving, unarchiving and deleting", () => {
  it("archives a status that items carry (they keep it), refuses its deletion, and unarchives it", async () => {
    const { db } = database();
    const { id } = await createItemStatus(admin, newStatus({ label: "Carried status" }));
    const item = await acmeItem(2);
    await db.update(items).set({ statusId: id }).where(eq(items.id, item.id));

    await expect(deleteItemStatus(admin, { id })).rejects.toMatchObject({
      key: "statusInUseByItems",
      values: { count: 1, label: "Carried status" },
    });
    await archiveItemStatus(admin, { id });
    expect((await getItemStatus(admin, id))?.archived).toBe(true);
    const [kept] = await db.select().from(items).where(eq(items.id, item.id));
    expect(kept?.statusId).toBe(id);
    expect((await auditEvents(db, "item_status.archive")).some((e) => e.entityId === String(id))).toBe(true);

    await unarchiveItemStatus(admin, { id });
    expect((await getItemStatus(admin, id))?.archived).toBe(false);
    expect((await auditEvents(db, "item_status.unarchive")).some((e) => e.entityId === String(id))).toBe(true);
    await db.update(items).set({ statusId: null }).where(eq(items.id, item.id));
  });

  it("deletes an unused status and audits it", async () => {
    const { db } = database();
    const { id } = await createItemStatus(admin, newStatus({ label: "Short-lived" }));
    await deleteItemStatus(admin, { id: String(id) });
    expect(await db.select().from(itemStatuses).where(eq(itemStatuses.id, id))).toEqual([]);
    const audit = (await auditEvents(db, "item_status.delete")).find((e) => e.entityId === String(id));
    expect(audit?.before).toMatchObject({ label: "Short-lived" });
  });

  it("refuses to delete a status named in item history, even when no item carries it any more", async () => {
    const { db } = database();
    const { id } = await createItemStatus(admin, newStatus({ label: "Historic" }));
    const item = await acmeItem(3);
    await db.insert(itemEvents).values({
      itemId: item.id,
      customerId: item.customerId,
      actorId: admin.id,
      operationId: randomUUID(),
      source: "change_status",
      oldStatusId: null,
      newStatusId: id,
    });
    await expect(deleteItemStatus(admin, { id })).rejects.toMatchObject({ key: "statusInHistory" });
    expect((await listItemStatuses(admin)).find((r) => r.id === id)?.inHistory).toBe(true);
    await archiveItemStatus(admin, { id });
    expect((await getItemStatus(admin, id))?.archived).toBe(true);
  });

  it("refuses to delete a status named by a Quick Promise application", async () => {
    const { db } = database();
    const { id } = await createItemStatus(admin, newStatus({ label: "Applied once" }));
    const item = await acmeItem(4);
    await db.insert(quickPromiseApplications).values({
      idempotencyKey: randomUUID(),
      requestHash: "x",
      actorId: admin.id,
      customerId: item.customerId,
      statusId: id,
      promiseDate: "2026-12-10",
      itemCount: 1,
      totals: { EUR: 100 },
      operationId: randomUUID(),
    });
    await expect(deleteItemStatus(admin, { id })).rejects.toMatchObject({ key: "statusInHistory" });
  });

  it("refuses to delete the Quick Promise status", async () => {
    const { id } = await createItemStatus(admin, newStatus({ label: "Quick one" }));
    await saveQuickPromisePreferences(admin, { statusId: id, delayDays: 2 });
    await expect(deleteItemStatus(admin, { id })).rejects.toMatchObject({ key: "statusIsQuickPromise" });
    await saveQuickPromisePreferences(admin, { statusId: "", delayDays: "" });
  });

  it("refuses to unarchive a status whose template has been archived meanwhile", async () => {
    const { id: templateId } = await createActionTemplate(admin, {
      name: "Email reminder",
      channel: "email",
      title: "Send a reminder",
      dueOffsetDays: 1,
    });
    const { id } = await createItemStatus(admin, newStatus({ label: "Reminded", actionTemplateId: templateId }));
    await archiveItemStatus(admin, { id });
    await archiveActionTemplate(admin, { id: templateId });
    await expect(unarchiveItemStatus(admin, { id })).rejects.toMatchObject({
      key: "statusUnarchiveTemplateArchived",
      values: { name: "Email reminder" },
    });
    // An archived status may still be edited while keeping its archived template…
    await updateItemStatus(admin, { id, ...newStatus({ label: "Reminded (old)", actionTemplateId: templateId }) });
    // …but cannot take another archived one, and can drop it.
    await updateItemStatus(admin, { id, ...newStatus({ label: "Reminded (old)", actionTemplateId: "" }) });
    await expect(
      updateItemStatus(admin, { id, ...newStatus({ label: "Reminded (old)", actionTemplateId: templateId }) }),
    ).rejects.toMatchObject({ key: "statusTemplateArchived" });
    await unarchiveItemStatus(admin, { id });
    expect((await getItemStatus(admin, id))?.archived).toBe(false);
  });

  it("archiving the Quick Promise status makes Quick Promise not configured, audited, in the same transaction", async () => {
    const { db } = database();
    const { id } = await createItemStatus(admin, newStatus({ label: "Will pay soon", category: "promise" }));
    await saveQuickPromisePreferences(admin, { statusId: String(id), delayDays: "3" });
    expect((await getQuickPromiseConfig()).configured).toBe(true);
    expect((await getItemStatus(admin, id))?.isQuickPromiseStatus).toBe(true);

    const result = await archiveItemStatus(admin, { id });
    expect(result.quickPromiseCleared).toBe(true);
    expect(await getQuickPromiseConfig()).toEqual({ configured: false });
    const settings = await settingsRow(db);
    expect(settings.quickPromiseStatusId).toBeNull();
    expect(settings.quickPromiseDelayDays).toBeNull();
    const [cleared] = (await auditEvents(db, "preferences.update")).slice(-1);
    expect(cleared?.before).toMatchObject({ quickPromiseStatusId: id, quickPromiseDelayDays: 3 });
    expect(cleared?.after).toMatchObject({ quickPromiseStatusId: null, quickPromiseDelayDays: null, reason: "status_archived" });
  });

  it("archiving another status leaves Quick Promise configured", async () => {
    const { db } = database();
    const promise = await statusByLabel(db, "Promise to pay");
    await saveQuickPromisePreferences(admin, { statusId: promise.id, delayDays: 1 });
    const { id } = await createItemStatus(admin, newStatus({ label: "Unrelated" }));
    expect((await archiveItemStatus(admin, { id })).quickPromiseCleared).toBe(false);
    expect(await getQuickPromiseConfig()).toMatchObject({ configured: true, delayDays: 1 });
    await db.update(organizationSettings).set({ quickPromiseStatusId: null, quickPromiseDelayDays: null });
  });

  it("refuses to archive, unarchive or delete a status that does not exist", async () => {
    await expect(archiveItemStatus(admin, { id: 999999 })).rejects.toMatchObject({ key: "statusNotFound" });
    await expect(unarchiveItemStatus(admin, { id: 999999 })).rejects.toMatchObject({ key: "statusNotFound" });
    await expect(deleteItemStatus(admin, { id: 999999 })).rejects.toMatchObject({ key: "statusNotFound" });
    await expect(deleteItemStatus(admin, { id: "abc" })).rejects.toMatchObject({ key: "invalidInput" });
  });
});
