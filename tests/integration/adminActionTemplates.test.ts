import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { actions, actionTemplates, customers } from "@/db/schema";
import {
  archiveActionTemplate,
  createActionTemplate,
  deleteActionTemplate,
  getActionTemplate,
  listActionTemplates,
  listActiveActionTemplateOptions,
  unarchiveActionTemplate,
  updateActionTemplate,
} from "@/lib/actionTemplates";
import type { Actor } from "@/lib/authz";
import { archiveItemStatus, createItemStatus, updateItemStatus } from "@/lib/itemStatuses";

import { actorOf, auditEvents, statusByLabel, templateByName } from "../helpers/adminFixtures";
import { useTestDatabase } from "../helpers/db";

const database = useTestDatabase();
let admin: Actor;

beforeAll(async () => {
  admin = await actorOf(database().db, "admin");
});

const template = (overrides: Record<string, unknown> = {}) => ({
  name: "Send statement",
  channel: "email",
  title: "Email the account statement",
  instructions: "Attach the statement of open items.",
  dueOffsetDays: "2",
  ...overrides,
});

describe("listing templates", () => {
  it("shows the seeded template with the status that uses it", async () => {
    const rows = await listActionTemplates(admin);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      name: "Check promised payment",
      channel: "call",
      dueOffsetDays: 0,
      archived: false,
      usedByActions: false,
      statuses: [{ label: "Promise to pay", archived: false }],
    });
  });
});

describe("creating and editing a template", () => {
  it("stores name, channel, title, instructions and due offset, and audits it", async () => {
    const { db } = database();
    const { id } = await createActionTemplate(admin, template({ name: "  Send statement " }));
    const [row] = await db.select().from(actionTemplates).where(eq(actionTemplates.id, id));
    expect(row).toMatchObject({
      name: "Send statement",
      channel: "email",
      title: "Email the account statement",
      instructions: "Attach the statement of open items.",
      dueOffsetDays: 2,
      archived: false,
    });
    const audit = (await auditEvents(db, "action_template.create")).find((e) => e.entityId === String(id));
    expect(audit?.after).toMatchObject({ name: "Send statement", dueOffsetDays: 2 });
    expect((await listActiveActionTemplateOptions(admin)).map((t) => t.name)).toContain("Send statement");
  });

  it("refuses a name already used, whatever its case", async () => {
    const { db } = database();
    const [before] = await db.select({ n: count() }).from(actionTemplates);
    await expect(createActionTemplate(admin, template({ name: "CHECK PROMISED PAYMENT" }))).rejects.toMatchObject({
      key: "templateNameTaken",
      values: { name: "CHECK PROMISED PAYMENT" },
    });
    const [after] = await db.select({ n: count() }).from(actionTemplates);
    expect(after).toEqual(before);
  });

  it("refuses a due offset outside 0–30, an unknown channel, an empty name or title, too long instructions", async () => {
    for (const dueOffsetDays of ["-1", "31", "2.5", "", "soon", 100]) {
      await expect(createActionTemplate(admin, template({ name: "Offset", dueOffsetDays }))).rejects.toMatchObject({
        key: "templateDueOffsetRange",
      });
    }
    await expect(createActionTemplate(admin, template({ name: "Fax", channel: "fax" }))).rejects.toMatchObject({
      key: "templateChannelInvalid",
    });
    await expect(createActionTemplate(admin, template({ name: " " }))).rejects.toMatchObject({ key: "templateNameLength" });
    await expect(createActionTemplate(admin, template({ name: "No title", title: "" }))).rejects.toMatchObject({
      key: "templateTitleLength",
    });
    await expect(
      createActionTemplate(admin, template({ name: "Long", instructions: "x".repeat(2001) })),
    ).rejects.toMatchObject({ key: "templateInstructionsLength" });
  });

  it("accepts 0 and 30 days", async () => {
    await createActionTemplate(admin, template({ name: "Same day", dueOffsetDays: 0 }));
    await createActionTemplate(admin, template({ name: "A month later", dueOffsetDays: "30" }));
  });

  it("edits a template and audits before and after", async () => {
    const { db } = database();
    const { id } = await createActionTemplate(admin, template({ name: "Letter draft" }));
    await updateActionTemplate(admin, {
      id: String(id),
      ...template({ name: "Formal letter", channel: "letter", title: "Send a formal letter", dueOffsetDays: "5" }),
    });
    expect(await getActionTemplate(admin, id)).toMatchObject({ name: "Formal letter", channel: "letter", dueOffsetDays: 5 });
    const audit = (await auditEvents(db, "action_template.update")).find((e) => e.entityId === String(id));
    expect(audit?.before).toMatchObject({ name: "Letter draft", channel: "email" });
    expect(audit?.after).toMatchObject({ name: "Formal letter", channel: "letter" });
    await expect(updateActionTemplate(admin, { id, ...template({ name: "check promised payment" }) })).rejects.toMatchObject({
      key: "templateNameTaken",
    });
    await expect(updateActionTemplate(admin, { id: 999999, ...template({ name: "Ghost" }) })).rejects.toMatchObject({
      key: "templateNotFound",
    });
  });
});

describe("archiving and deleting a template", () => {
  it("refuses to archive a template an active status uses, naming the status", async () => {
    const { db } = database();
    const seeded = await templateByName(db, "Check promised payment");
    await expect(archiveActionTemplate(admin, { id: seeded.id })).rejects.toMatchObject({
      key: "templateUsedByActiveStatuses",
      values: { count: 1, statuses: "Promise to pay" },
    });
    expect((await templateByName(db, "Check promised payment")).archived).toBe(false);
  });

  it("refuses to delete a template any status uses, even an archived one; archives it once only archived statuses use it", async () => {
    const { id } = await createActionTemplate(admin, template({ name: "Site visit", channel: "task" }));
    const { id: statusId } = await createItemStatus(admin, {
      label: "Visit planned",
      category: "other",
      colour: "#475569",
      actionTemplateId: id,
      sortOrder: 70,
    });
    expect((await getActionTemplate(admin, id))?.statuses).toEqual([{ id: statusId, label: "Visit planned", archived: false }]);
    await expect(deleteActionTemplate(admin, { id })).rejects.toMatchObject({
      key: "templateUsedByStatuses",
      values: { count: 1, statuses: "Visit planned" },
    });
    await archiveItemStatus(admin, { id: statusId });
    await expect(deleteActionTemplate(admin, { id })).rejects.toMatchObject({ key: "templateUsedByStatuses" });
    await archiveActionTemplate(admin, { id });
    expect((await getActionTemplate(admin, id))?.archived).toBe(true);
    expect((await listActiveActionTemplateOptions(admin)).map((t) => t.id)).not.toContain(id);

    await unarchiveActionTemplate(admin, { id });
    expect((await getActionTemplate(admin, id))?.archived).toBe(false);
    // Once no status uses it, it can be deleted.
    await updateItemStatus(admin, {
      id: statusId,
      label: "Visit planned",
      category: "other",
      colour: "#475569",
      actionTemplateId: null,
      sortOrder: 70,
    });
    await deleteActionTemplate(admin, { id });
    expect(await getActionTemplate(admin, id)).toBeNull();
    const { db } = database();
    expect((await auditEvents(db, "action_template.archive")).some((e) => e.entityId === String(id))).toBe(true);
    expect((await auditEvents(db, "action_template.unarchive")).some((e) => e.entityId === String(id))).toBe(true);
    expect((await auditEvents(db, "action_template.delete")).some((e) => e.entityId === String(id))).toBe(true);
  });

  it("refuses to delete a template that follow-up actions were created from", async () => {
    const { db } = database();
    const { id } = await createActionTemplate(admin, template({ name: "Used by an action" }));
    const [acme] = await db.select().from(customers).where(eq(customers.code, "C-1001"));
    await db.insert(actions).values({
      customerId: acme!.id,
      templateId: id,
      channel: "email",
      title: "x",
      dueDate: "2026-12-10",
      assigneeId: admin.id,
      creatorId: admin.id,
    });
    expect((await getActionTemplate(admin, id))?.usedByActions).toBe(true);
    await expect(deleteActionTemplate(admin, { id })).rejects.toMatchObject({ key: "templateUsedByActions" });
    await archiveActionTemplate(admin, { id });
  });

  it("refuses archive, unarchive, delete of a template that does not exist", async () => {
    await expect(archiveActionTemplate(admin, { id: 999999 })).rejects.toMatchObject({ key: "templateNotFound" });
    await expect(unarchiveActionTemplate(admin, { id: 999999 })).rejects.toMatchObject({ key: "templateNotFound" });
    await expect(deleteActionTemplate(admin, { id: 999999 })).rejects.toMatchObject({ key: "templateNotFound" });
  });

  it("deletes an unused template", async () => {
    const { db } = database();
    const { id } = await createActionTemplate(admin, template({ name: "Throwaway" }));
    await deleteActionTemplate(admin, { id: String(id) });
    expect(await db.select().from(actionTemplates).where(eq(actionTemplates.id, id))).toEqual([]);
    // The seeded status still has its template.
    expect((await statusByLabel(db, "Promise to pay")).actionTemplateId).not.toBeNull();
  });
});
