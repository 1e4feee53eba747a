import "server-only";

import { asc, eq } from "drizzle-orm";
import { z } from "zod";

import { getDb, type Queryable, type Tx } from "@/db/client";
import { actionTemplates, itemStatuses, organizationSettings, type Channel } from "@/db/schema";

import { optionalIdField, optionalIntField } from "./adminValidation";
import { recordAudit } from "./audit";
import { assertAdmin, type Actor } from "./authz";
import { DomainError } from "./errors";
import { MAX_QUICK_PROMISE_DELAY } from "./promiseDate";
import { parseInput } from "./validation";

export { QUICK_PROMISE_DELAYS } from "./promiseDate";

export type QuickPromiseActionTemplate = {
  id: number;
  name: string;
  channel: Channel;
  title: string;
  dueOffsetDays: number;
};

export type QuickPromiseStatus = {
  id: number;
  label: string;
  colour: string;
  actionTemplate: QuickPromiseActionTemplate | null;
};

export type QuickPromiseConfig =
  | { configured: true; status: QuickPromiseStatus; delayDays: number }
  | { configured: false };

/**
 * What Quick Promise applies, read in one query. Configured only when a status is chosen, exists,
 * is not archived, and a delay is set. No role check: every signed-in user's page shows whether
 * the button is usable; the caller authorises the operation itself. Pass the transaction to read
 * it inside one.
 */
export async function getQuickPromiseConfig(db: Queryable = getDb()): Promise<QuickPromiseConfig> {
  const [row] = await db
    .select({
      delayDays: organizationSettings.quickPromiseDelayDays,
      statusId: itemStatuses.id,
      label: itemStatuses.label,
      colour: itemStatuses.colour,
      archived: itemStatuses.archived,
      templateId: actionTemplates.id,
      templateName: actionTemplates.name,
      templateChannel: actionTemplates.channel,
      templateTitle: actionTemplates.title,
      templateDueOffsetDays: actionTemplates.dueOffsetDays,
    })
    .from(organizationSettings)
    .leftJoin(itemStatuses, eq(itemStatuses.id, organizationSettings.quickPromiseStatusId))
    .leftJoin(actionTemplates, eq(actionTemplates.id, itemStatuses.actionTemplateId))
    .where(eq(organizationSettings.id, 1));
  if (!row || row.statusId === null || row.archived !== false || row.delayDays === null) return { configured: false };
  return {
    configured: true,
    delayDays: row.delayDays,
    status: {
      id: row.statusId,
      label: row.label!,
      colour: row.colour!,
      actionTemplate:
        row.templateId === null
          ? null
          : {
              id: row.templateId,
              name: row.templateName!,
              channel: row.templateChannel!,
              title: row.templateTitle!,
              dueOffsetDays: row.templateDueOffsetDays!,
            },
    },
  };
}

export const quickPromisePreferencesSchema = z
  .object({
    /** Empty (the "Not configured" option) turns Quick Promise off. */
    statusId: optionalIdField("quickPromiseStatusInvalid").default(null),
    delayDays: optionalIntField(0, MAX_QUICK_PROMISE_DELAY, "quickPromiseDelayRange").default(null),
  })
  .strict()
  .refine((value) => value.statusId === null || value.delayDays !== null, {
    path: ["delayDays"],
    error: "quickPromiseDelayRequired",
  });

export type QuickPromisePreferences = {
  statusId: number | null;
  delayDays: number | null;
  config: QuickPromiseConfig;
  /** The statuses an admin may choose: active ones, in display order. */
  options: QuickPromiseStatus[];
};

/** The Preferences tab: the stored choice, what it amounts to, and the choices. */
export async function getQuickPromisePreferences(
  actor: Actor | null,
  db: Queryable = getDb(),
): Promise<QuickPromisePreferences> {
  assertAdmin(actor);
  const config = await getQuickPromiseConfig(db);
  const statuses = await db
    .select({
      id: itemStatuses.id,
      label: itemStatuses.label,
      colour: itemStatuses.colour,
      templateId: actionTemplates.id,
      templateName: actionTemplates.name,
      templateChannel: actionTemplates.channel,
      templateTitle: actionTemplates.title,
      templateDueOffsetDays: actionTemplates.dueOffsetDays,
    })
    .from(itemStatuses)
    .leftJoin(actionTemplates, eq(actionTemplates.id, itemStatuses.actionTemplateId))
    .where(eq(itemStatuses.archived, false))
    .orderBy(asc(itemStatuses.sortOrder), asc(itemStatuses.id));
  return {
    statusId: config.configured ? config.status.id : null,
    delayDays: config.configured ? config.delayDays : null,
    config,
    options: statuses.map((s) => ({
      id: s.id,
      label: s.label,
      colour: s.colour,
      actionTemplate:
        s.templateId === null
          ? null
          : {
              id: s.templateId,
              name: s.templateName!,
              channel: s.templateChannel!,
              title: s.templateTitle!,
              dueOffsetDays: s.templateDueOffsetDays!,
            },
    })),
  };
}

/**
 * Locks the Quick Promise settings for the rest of the transaction and reads them. Whoever changes
 * them, or archives the status they name, takes this lock before the status's: one order, so an
 * archive and a save of the same status serialise instead of leaving an archived choice.
 */
export async function lockQuickPromiseSettings(tx: Tx): Promise<{ statusId: number | null; delayDays: number | null }> {
  const [current] = await tx
    .select({
      statusId: organizationSettings.quickPromiseStatusId,
      delayDays: organizationSettings.quickPromiseDelayDays,
    })
    .from(organizationSettings)
    .where(eq(organizationSettings.id, 1))
    .for("update");
  if (!current) throw new DomainError("organizationMissing");
  return current;
}

/** Un-configures Quick Promise because its status was archived (settings locked by the caller). */
export async function clearQuickPromiseSettings(
  tx: Tx,
  actor: Actor,
  before: { statusId: number; statusLabel: string; delayDays: number | null },
): Promise<void> {
  await tx
    .update(organizationSettings)
    .set({ quickPromiseStatusId: null, quickPromiseDelayDays: null, updatedAt: new Date() })
    .where(eq(organizationSettings.id, 1));
  await recordAudit(tx, {
    actorId: actor.id,
    event: "preferences.update",
    entity: "organization_settings",
    entityId: 1,
    before: { quickPromiseStatusId: before.statusId, quickPromiseStatusLabel: before.statusLabel, quickPromiseDelayDays: before.delayDays },
    after: { quickPromiseStatusId: null, quickPromiseDelayDays: null, reason: "status_archived" },
  });
}

/**
 * Sets the Quick Promise status and delay together, or clears both (no status chosen). The
 * server refuses a status that does not exist or is archived and any delay outside 0–5,
 * whatever the browser sent.
 */
export async function saveQuickPromisePreferences(actor: Actor | null, input: unknown): Promise<QuickPromiseConfig> {
  assertAdmin(actor);
  const { statusId, delayDays } = parseInput(quickPromisePreferencesSchema, input);
  const next = { statusId, delayDays: statusId === null ? null : delayDays };
  return getDb().transaction(async (tx) => {
    // Settings first, then the status (FOR SHARE).
    const current = await lockQuickPromiseSettings(tx);
    let label: string | null = null;
    if (next.statusId !== null) {
      const [status] = await tx
        .select({ label: itemStatuses.label, archived: itemStatuses.archived })
        .from(itemStatuses)
        .where(eq(itemStatuses.id, next.statusId))
        .for("share");
      if (!status) throw new DomainError("quickPromiseStatusNotFound", {}, { field: "statusId" });
      if (status.archived) throw new DomainError("quickPromiseStatusArchived", { label: status.label }, { field: "statusId" });
      label = status.label;
    }
    await tx
      .update(organizationSettings)
      .set({ quickPromiseStatusId: next.statusId, quickPromiseDelayDays: next.delayDays, updatedAt: new Date() })
      .where(eq(organizationSettings.id, 1));
    if (current.statusId !== next.statusId || current.delayDays !== next.delayDays) {
      const [previous] =
        current.statusId === null
          ? []
          : await tx
              .select({ label: itemStatuses.label })
              .from(itemStatuses)
              .where(eq(itemStatuses.id, current.statusId));
      await recordAudit(tx, {
        actorId: actor.id,
        event: "preferences.update",
        entity: "organization_settings",
        entityId: 1,
        before: {
          quickPromiseStatusId: current.statusId,
          quickPromiseStatusLabel: previous?.label ?? null,
          quickPromiseDelayDays: current.delayDays,
        },
        after: {
          quickPromiseStatusId: next.statusId,
          quickPromiseStatusLabel: label,
          quickPromiseDelayDays: next.delayDays,
        },
      });
    }
    return getQuickPromiseConfig(tx);
  });
}
