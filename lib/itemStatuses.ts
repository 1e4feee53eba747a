import "server-only";

import { and, asc, count, eq, isNotNull, ne, or, sql } from "drizzle-orm";
import { z } from "zod";

import { getDb, type Queryable, type Tx } from "@/db/client";
import {
  actionTemplates,
  itemEvents,
  items,
  itemStatuses,
  organizationSettings,
  quickPromiseApplications,
  statusCategory,
  type ItemStatus,
} from "@/db/schema";

import { idField, intField, optionalIdField, textField } from "./adminValidation";
import { recordAudit } from "./audit";
import { assertAdmin, type Actor } from "./authz";
import { isForeignKeyViolation, isUniqueViolation, qualified } from "./dbErrors";
import { DomainError, NotFoundError } from "./errors";
import { clearQuickPromiseSettings, lockQuickPromiseSettings } from "./quickPromiseSettings";
import { parseInput } from "./validation";

/**
 * The colours offered for a status (Tailwind's 600 shades: readable as a swatch on white and
 * distinct from each other). `key` names the colour in the catalogue (itemStatuses.colours).
 */
export const STATUS_PALETTE = [
  { key: "blue", hex: "#2563eb" },
  { key: "indigo", hex: "#4f46e5" },
  { key: "violet", hex: "#7c3aed" },
  { key: "pink", hex: "#db2777" },
  { key: "red", hex: "#dc2626" },
  { key: "orange", hex: "#ea580c" },
  { key: "amber", hex: "#d97706" },
  { key: "lime", hex: "#65a30d" },
  { key: "green", hex: "#16a34a" },
  { key: "emerald", hex: "#059669" },
  { key: "teal", hex: "#0d9488" },
  { key: "cyan", hex: "#0891b2" },
  { key: "slate", hex: "#475569" },
] as const;

export const STATUS_LABEL_MAX = 60;
export const STATUS_SORT_ORDER_MAX = 9999;

const statusFields = {
  label: textField(1, STATUS_LABEL_MAX, "statusLabelLength"),
  category: z.enum(statusCategory.enumValues, { error: "statusCategoryInvalid" }),
  // The database accepts lowercase #rrggbb only.
  colour: z
    .string({ error: "statusColourInvalid" })
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/, { error: "statusColourInvalid" })
    .transform((colour) => colour.toLowerCase()),
  actionTemplateId: optionalIdField("statusTemplateInvalid").default(null),
  sortOrder: intField(0, STATUS_SORT_ORDER_MAX, "statusSortOrderInvalid").default(0),
};

export const createItemStatusSchema = z.object(statusFields).strict();
export const updateItemStatusSchema = z.object({ id: idField(), ...statusFields }).strict();
export const itemStatusIdSchema = z.object({ id: idField() }).strict();

export type ItemStatusListRow = Pick<
  ItemStatus,
  "id" | "label" | "category" | "colour" | "actionTemplateId" | "archived" | "sortOrder"
> & {
  actionTemplate: { id: number; name: string; archived: boolean } | null;
  /** Items currently carrying the status. */
  itemCount: number;
  /** Named by item history or a Quick Promise application: the database refuses its deletion. */
  inHistory: boolean;
  isQuickPromiseStatus: boolean;
};

/** Every status with its template, usage and Quick Promise role: one query. */
export async function listItemStatuses(actor: Actor | null, db: Queryable = getDb()): Promise<ItemStatusListRow[]> {
  assertAdmin(actor);
  const usage = db
    .select({ statusId: items.statusId, itemCount: sql<number>`count(*)::int`.as("item_count") })
    .from(items)
    .where(isNotNull(items.statusId))
    .groupBy(items.statusId)
    .as("usage");
  const rows = await db
    .select({
      id: itemStatuses.id,
      label: itemStatuses.label,
      category: itemStatuses.category,
      colour: itemStatuses.colour,
      actionTemplateId: itemStatuses.actionTemplateId,
      archived: itemStatuses.archived,
      sortOrder: itemStatuses.sortOrder,
      templateName: actionTemplates.name,
      templateArchived: actionTemplates.archived,
      itemCount: sql<number>`coalesce(${usage.itemCount}, 0)::int`,
      inHistory: sql<boolean>`(
        exists (select 1 from ${itemEvents} e where e.old_status_id = ${qualified(itemStatuses.id)})
        or exists (select 1 from ${itemEvents} e where e.new_status_id = ${qualified(itemStatuses.id)})
        or exists (select 1 from ${quickPromiseApplications} q where q.status_id = ${qualified(itemStatuses.id)}))`,
      isQuickPromiseStatus: sql<boolean>`coalesce(${qualified(itemStatuses.id)} = (
        select o.quick_promise_status_id from ${organizationSettings} o where o.id = 1), false)`,
    })
    .from(itemStatuses)
    .leftJoin(actionTemplates, eq(actionTemplates.id, itemStatuses.actionTemplateId))
    .leftJoin(usage, eq(usage.statusId, itemStatuses.id))
    .orderBy(asc(itemStatuses.archived), asc(itemStatuses.sortOrder), asc(itemStatuses.id));
  return rows.map(({ templateName, templateArchived, ...row }) => ({
    ...row,
    actionTemplate:
      row.actionTemplateId !== null && templateName !== null
        ? { id: row.actionTemplateId, name: templateName, archived: Boolean(templateArchived) }
        : null,
  }));
}

/** One status, for its edit page. */
export async function getItemStatus(
  actor: Actor | null,
  id: number,
  db: Queryable = getDb(),
): Promise<ItemStatusListRow | null> {
  const rows = await listItemStatuses(actor, db);
  return rows.find((row) => row.id === id) ?? null;
}

type StatusSnapshot = Pick<ItemStatus, "label" | "category" | "colour" | "actionTemplateId" | "archived" | "sortOrder">;

function snapshot(row: ItemStatus): StatusSnapshot {
  return {
    label: row.label,
    category: row.category,
    colour: row.colour,
    actionTemplateId: row.actionTemplateId,
    archived: row.archived,
    sortOrder: row.sortOrder,
  };
}

async function assertLabelFree(tx: Tx, label: string, exceptId?: number): Promise<void> {
  const [clash] = await tx
    .select({ id: itemStatuses.id })
    .from(itemStatuses)
    .where(
      and(
        eq(sql`lower(${itemStatuses.label})`, sql`lower(${label})`),
        exceptId === undefined ? undefined : ne(itemStatuses.id, exceptId),
      ),
    );
  if (clash) throw new DomainError("statusLabelTaken", { label }, { field: "label" });
}

async function lockStatus(tx: Tx, id: number): Promise<ItemStatus> {
  const [row] = await tx.select().from(itemStatuses).where(eq(itemStatuses.id, id)).for("update");
  if (!row) throw new NotFoundError("statusNotFound");
  return row;
}

/**
 * The template a status will carry. Locked FOR SHARE so that archiving it (FOR UPDATE) waits
 * for this transaction and then sees the status that uses it.
 */
async function checkTemplate(
  tx: Tx,
  templateId: number,
  options: { allowArchived: boolean },
): Promise<void> {
  const [template] = await tx
    .select({ name: actionTemplates.name, archived: actionTemplates.archived })
    .from(actionTemplates)
    .where(eq(actionTemplates.id, templateId))
    .for("share");
  if (!template) throw new DomainError("statusTemplateNotFound", {}, { field: "actionTemplateId" });
  if (template.archived && !options.allowArchived) {
    throw new DomainError("statusTemplateArchived", { name: template.name }, { field: "actionTemplateId" });
  }
}

function labelTakenOnRace(error: unknown, label: string): unknown {
  return isUniqueViolation(error) ? new DomainError("statusLabelTaken", { label }, { cause: error, field: "label" }) : error;
}

export async function createItemStatus(actor: Actor | null, input: unknown): Promise<{ id: number }> {
  assertAdmin(actor);
  const data = parseInput(createItemStatusSchema, input);
  try {
    return await getDb().transaction(async (tx) => {
      await assertLabelFree(tx, data.label);
      if (data.actionTemplateId !== null) await checkTemplate(tx, data.actionTemplateId, { allowArchived: false });
      const [row] = await tx.insert(itemStatuses).values(data).returning();
      await recordAudit(tx, {
        actorId: actor.id,
        event: "item_status.create",
        entity: "item_status",
        entityId: row!.id,
        after: snapshot(row!),
      });
      return { id: row!.id };
    });
  } catch (error) {
    throw labelTakenOnRace(error, data.label);
  }
}

export async function updateItemStatus(actor: Actor | null, input: unknown): Promise<{ id: number }> {
  assertAdmin(actor);
  const { id, ...data } = parseInput(updateItemStatusSchema, input);
  try {
    return await getDb().transaction(async (tx) => {
      const before = await lockStatus(tx, id);
      await assertLabelFree(tx, data.label, id);
      if (data.actionTemplateId !== null) {
        // An archived status may keep the archived template it already has; nothing else may take one.
        await checkTemplate(tx, data.actionTemplateId, {
          allowArchived: before.archived && before.actionTemplateId === data.actionTemplateId,
        });
      }
      const [after] = await tx
        .update(itemStatuses)
        .set({ ...data, updatedAt: new Date() })
        .where(eq(itemStatuses.id, id))
        .returning();
      await recordAudit(tx, {
        actorId: actor.id,
        event: "item_status.update",
        entity: "item_status",
        entityId: id,
        before: snapshot(before),
        after: snapshot(after!),
      });
      return { id };
    });
  } catch (error) {
    throw labelTakenOnRace(error, data.label);
  }
}

/**
 * Archiving keeps the status on the items that carry it but no longer offers it. If it was the
 * Quick Promise status, Quick Promise becomes "not configured" in the same transaction.
 */
export async function archiveItemStatus(
  actor: Actor | null,
  input: unknown,
): Promise<{ id: number; quickPromiseCleared: boolean }> {
  assertAdmin(actor);
  const { id } = parseInput(itemStatusIdSchema, input);
  return getDb().transaction(async (tx) => {
    // Settings first, then the status: the order saveQuickPromisePreferences locks them in.
    const settings = await lockQuickPromiseSettings(tx);
    const before = await lockStatus(tx, id);
    if (before.archived) return { id, quickPromiseCleared: false };
    await tx.update(itemStatuses).set({ archived: true, updatedAt: new Date() }).where(eq(itemStatuses.id, id));
    await recordAudit(tx, {
      actorId: actor.id,
      event: "item_status.archive",
      entity: "item_status",
      entityId: id,
      before: { archived: false },
      after: { archived: true },
    });
    const quickPromiseCleared = settings.statusId === id;
    if (quickPromiseCleared) {
      await clearQuickPromiseSettings(tx, actor, { statusId: id, statusLabel: before.label, delayDays: settings.delayDays });
    }
    return { id, quickPromiseCleared };
  });
}

export async function unarchiveItemStatus(actor: Actor | null, input: unknown): Promise<{ id: number }> {
  assertAdmin(actor);
  const { id } = parseInput(itemStatusIdSchema, input);
  return getDb().transaction(async (tx) => {
    const before = await lockStatus(tx, id);
    if (!before.archived) return { id };
    if (before.actionTemplateId !== null) {
      const [template] = await tx
        .select({ name: actionTemplates.name, archived: actionTemplates.archived })
        .from(actionTemplates)
        .where(eq(actionTemplates.id, before.actionTemplateId))
        .for("share");
      if (template?.archived) throw new DomainError("statusUnarchiveTemplateArchived", { name: template.name }, { field: "actionTemplateId" });
    }
    await tx.update(itemStatuses).set({ archived: false, updatedAt: new Date() }).where(eq(itemStatuses.id, id));
    await recordAudit(tx, {
      actorId: actor.id,
      event: "item_status.unarchive",
      entity: "item_status",
      entityId: id,
      before: { archived: true },
      after: { archived: false },
    });
    return { id };
  });
}

/**
 * Only a status nothing refers to can be deleted: not carried by an item, not named in history
 * or by a Quick Promise application, not the Quick Promise status. Otherwise: archive it.
 */
export async function deleteItemStatus(actor: Actor | null, input: unknown): Promise<{ id: number }> {
  assertAdmin(actor);
  const { id } = parseInput(itemStatusIdSchema, input);
  try {
    return await getDb().transaction(async (tx) => {
      const before = await lockStatus(tx, id);
      const [settings] = await tx
        .select({ statusId: organizationSettings.quickPromiseStatusId })
        .from(organizationSettings)
        .where(eq(organizationSettings.id, 1));
      if (settings?.statusId === id) throw new DomainError("statusIsQuickPromise", { label: before.label });
      const [carried] = await tx.select({ n: count() }).from(items).where(eq(items.statusId, id));
      if (carried && carried.n > 0) {
        throw new DomainError("statusInUseByItems", { label: before.label, count: carried.n });
      }
      const [event] = await tx
        .select({ id: itemEvents.id })
        .from(itemEvents)
        .where(or(eq(itemEvents.oldStatusId, id), eq(itemEvents.newStatusId, id)))
        .limit(1);
      const [application] = await tx
        .select({ id: quickPromiseApplications.id })
        .from(quickPromiseApplications)
        .where(eq(quickPromiseApplications.statusId, id))
        .limit(1);
      if (event || application) throw new DomainError("statusInHistory", { label: before.label });
      await tx.delete(itemStatuses).where(eq(itemStatuses.id, id));
      await recordAudit(tx, {
        actorId: actor.id,
        event: "item_status.delete",
        entity: "item_status",
        entityId: id,
        before: snapshot(before),
      });
      return { id };
    });
  } catch (error) {
    // Something started using it between our checks and the delete: the foreign key refuses.
    if (isForeignKeyViolation(error)) throw new DomainError("statusInUse", {}, { cause: error });
    throw error;
  }
}
