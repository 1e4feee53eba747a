import { eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { itemStatuses, organizationSettings } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { archiveItemStatus, createItemStatus } from "@/lib/itemStatuses";
import {
  getQuickPromiseConfig,
  getQuickPromisePreferences,
  quickPromisePreferencesSchema,
  saveQuickPromisePreferences,
} from "@/lib/quickPromiseSettings";

import { actorOf, auditEvents, settingsRow, statusByLabel, templateByName } from "../helpers/adminFixtures";
import { useTestDatabase } from "../helpers/db";

const database = useTestDatabase();
let admin: Actor;

beforeAll(async () => {
  admin = await actorOf(database().db, "admin");
});

beforeEach(async () => {
  await database().db.update(organizationSettings).set({ quickPromiseStatusId: null, quickPromiseDelayDays: null });
});

describe("Quick Promise configuration", () => {
  it("is not configured in the demo data", async () => {
    expect(await getQuickPromiseConfig()).toEqual({ configured: false });
    const preferences = await getQuickPromisePreferences(admin);
    expect(preferences).toMatchObject({ statusId: null, delayDays: null, config: { configured: false } });
    expect(preferences.options.map((o) => o.label)).toEqual([
      "Promise to pay",
      "Dispute – price",
      "Dispute – quality",
      "Awaiting purchase order",
      "Payment in progress",
    ]);
    expect(preferences.options[0]?.actionTemplate).toMatchObject({ name: "Check promised payment", channel: "call" });
  });

  it("saves a status and a delay together, returns the configuration with the status's template, and audits it", async () => {
    const { db } = database();
    const status = await statusByLabel(db, "Promise to pay");
    const template = await templateByName(db, "Check promised payment");
    const config = await saveQuickPromisePreferences(admin, { statusId: String(status.id), delayDays: "3" });
    const expected = {
      configured: true,
      delayDays: 3,
      status: {
        id: status.id,
        label: "Promise to pay",
        colour: "#2563eb",
        actionTemplate: { id: template.id, name: template.name, channel: "call", title: template.title, dueOffsetDays: 0 },
      },
    };
    expect(config).toEqual(expected);
    expect(await getQuickPromiseConfig()).toEqual(expected);
    const settings = await settingsRow(db);
    expect(settings).toMatchObject({ quickPromiseStatusId: status.id, quickPromiseDelayDays: 3 });
    const [audit] = (await auditEvents(db, "preferences.update")).slice(-1);
    expect(audit).toMatchObject({ actorId: admin.id, entity: "organization_settings", entityId: "1" });
    expect(audit?.before).toMatchObject({ quickPromiseStatusId: null, quickPromiseDelayDays: null });
    expect(audit?.after).toMatchObject({
      quickPromiseStatusId: status.id,
      quickPromiseStatusLabel: "Promise to pay",
      quickPromiseDelayDays: 3,
    });
  });

  it("reports a status without a template with actionTemplate null, and accepts D+0 and D+5", async () => {
    const { db } = database();
    const status = await statusByLabel(db, "Payment in progress");
    expect(await saveQuickPromisePreferences(admin, { statusId: status.id, delayDays: 0 })).toMatchObject({
      configured: true,
      delayDays: 0,
      status: { label: "Payment in progress", actionTemplate: null },
    });
    expect(await saveQuickPromisePreferences(admin, { statusId: status.id, delayDays: "5" })).toMatchObject({ delayDays: 5 });
  });

  it("the empty choice (Not configured) clears both status and delay", async () => {
    const { db } = database();
    const status = await statusByLabel(db, "Promise to pay");
    await saveQuickPromisePreferences(admin, { statusId: status.id, delayDays: 2 });
    expect(await saveQuickPromisePreferences(admin, { statusId: "", delayDays: "4" })).toEqual({ configured: false });
    const settings = await settingsRow(db);
    expect(settings.quickPromiseStatusId).toBeNull();
    expect(settings.quickPromiseDelayDays).toBeNull();
    const [audit] = (await auditEvents(db, "preferences.update")).slice(-1);
    expect(audit?.after).toMatchObject({ quickPromiseStatusId: null, quickPromiseDelayDays: null });
  });

  it("refuses any delay outside 0–5, whatever is sent, and changes nothing", async () => {
    const { db } = database();
    const status = await statusByLabel(db, "Promise to pay");
    for (const delayDays of ["6", "-1", "10", 6, "2.5", "D+3", "1e1", " ", true]) {
      await expect(saveQuickPromisePreferences(admin, { statusId: status.id, delayDays })).rejects.toMatchObject({
        key: "quickPromiseDelayRange",
      });
    }
    expect(await getQuickPromiseConfig()).toEqual({ configured: false });
  });

  it("refuses a status without a delay (both or neither)", async () => {
    const { db } = database();
    const status = await statusByLabel(db, "Promise to pay");
    await expect(saveQuickPromisePreferences(admin, { statusId: status.id, delayDays: "" })).rejects.toMatchObject({
      key: "quickPromiseDelayRequired",
    });
    await expect(saveQuickPromisePreferences(admin, { statusId: status.id })).rejects.toMatchObject({
      key: "quickPromiseDelayRequired",
    });
  });

  it("refuses a status that does not exist or is archived", async () => {
    const { id } = await createItemStatus(admin, {
      label: "Old promise",
      category: "promise",
      colour: "#4f46e5",
      sortOrder: 80,
    });
    await archiveItemStatus(admin, { id });
    await expect(saveQuickPromisePreferences(admin, { statusId: id, delayDays: 1 })).rejects.toMatchObject({
      key: "quickPromiseStatusArchived",
      values: { label: "Old promise" },
    });
    await expect(saveQuickPromisePreferences(admin, { statusId: 999999, delayDays: 1 })).rejects.toMatchObject({
      key: "quickPromiseStatusNotFound",
    });
    await expect(saveQuickPromisePreferences(admin, { statusId: "Promise to pay", delayDays: 1 })).rejects.toMatchObject({
      key: "quickPromiseStatusInvalid",
    });
    await expect(
      saveQuickPromisePreferences(admin, { statusId: 1, delayDays: 1, extra: "x" }),
    ).rejects.toMatchObject({ key: "invalidInput" });
    expect(await getQuickPromiseConfig()).toEqual({ configured: false });
    expect((await getQuickPromisePreferences(admin)).options.map((o) => o.id)).not.toContain(id);
  });

  it("reads as not configured when the stored status is archived or the delay is missing", async () => {
    const { db } = database();
    const status = await statusByLabel(db, "Dispute – price");
    await db.update(organizationSettings).set({ quickPromiseStatusId: status.id, quickPromiseDelayDays: null });
    expect(await getQuickPromiseConfig()).toEqual({ configured: false });
    await db.update(organizationSettings).set({ quickPromiseDelayDays: 2 });
    expect((await getQuickPromiseConfig()).configured).toBe(true);
    await db.update(itemStatuses).set({ archived: true }).where(eq(itemStatuses.id, status.id));
    expect(await getQuickPromiseConfig()).toEqual({ configured: false });
    expect((await getQuickPromisePreferences(admin)).statusId).toBeNull();
    await db.update(itemStatuses).set({ archived: false }).where(eq(itemStatuses.id, status.id));
  });

  it("the schema accepts exactly the delays 0 to 5 (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.boolean(), (delay, asString) => {
        const result = quickPromisePreferencesSchema.safeParse({ statusId: 1, delayDays: asString ? String(delay) : delay });
        expect(result.success).toBe(delay >= 0 && delay <= 5);
      }),
    );
  });
});
