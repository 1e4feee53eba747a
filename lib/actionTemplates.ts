import "server-only";

import { and, asc, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";

import { getDb, type Queryable, type Tx } from "@/db/client";
import { actionChannel, actions, actionTemplates, itemStatuses, type ActionTemplate } from "@/db/schema";

import { intField, idField, textField } from "./adminValidation";
import { recordAudit } from "./audit";
import { assertAdmin, type Actor } from "./authz";
import { isForeignKeyViolation, isUniqueViolation, qualified } from "./dbErrors";
import { DomainError, NotFoundError } from "./errors";
import { parseInput } from "./validation";

export const TEMPLATE_NAME_MAX = 80;
export const TEMPLATE_TITLE_MAX = 120;
export const TEMPLATE_INSTRUCTIONS_MAX = 2000;
export const TEMPLATE_DUE_OFFSET_MAX = 30;

const templateFields = {
  name: textField(1, TEMPLATE_NAME_MAX, "templateNameLength"),
  channel: z.enum(actionChannel.enumValues, { error: "templateChannelInvalid" }),
  title: textField(1, TEMPLATE_TITLE_MAX, "templateTitleLength"),
  instructions: textField(0, TEMPLATE_INSTRUCTIONS_MAX, "templateInstructionsLength").default(""),
  dueOffsetDays: intField(0, TEMPLATE_DUE_OFFSET_MAX, "templateDueOffsetRange"),
};

export const createActionTemplateSchema = z.object(templateFields).strict();
export const updateActionTemplateSchema = z.object({ id: idField(), ...templateFields }).strict();
export const actionTemplateIdSchema = z.object({ id: idField() }).strict();

export type ActionTemplateListRow = Pick<
  ActionTemplate,
  "id" | "name" | "channel" | "title" | "instructions" | "dueOffsetDays" | "archived"
> & {
  /** Statuses that carry this template, active ones first. */
  statuses: { id: number; label: string; archived: boolean }[];
  /** Follow-up actions were created from it (then it can only be archived). */
  usedByActions: boolean;
};

/** Every template with the statuses that use it: one query. */
export async function listActionTemplates(actor: Actor | null, db: Queryable = getDb()): Promise<ActionTemplateListRow[]> {
  assertAdmin(actor);
  return db
    .select({
      id: actionTemplates.id,
      name: actionTemplates.name,
      channel: actionTemplates.channel,
      title: actionTemplates.title,
      instructions: actionTemplates.instructions,
      dueOffsetDays: actionTemplates.dueOffsetDays,
      archived: actionTemplates.archived,
      statuses: sql<{ id: number; label: string; archived: boolean }[]>`coalesce((
        select json_agg(json_build_object('id', s.id, 'label', s.label, 'archived', s.archived)
                        order by s.archived, s.sort_order, s.id)
        from ${itemStatuses} s where s.action_template_id = ${qualified(actionTemplates.id)}), '[]'::json)`,
      usedByActions: sql<boolean>`exists (select 1 from ${actions} a where a.template_id = ${qualified(actionTemplates.id)})`,
    })
    .from(actionTemplates)
    .orderBy(asc(actionTemplates.archived), sql`lower(${actionTemplates.name})`, asc(actionTemplates.id));
}

/** One template, for its edit page. */
export async function getActionTemplate(
  actor: Actor | null,
  id: number,
  db: Queryable = getDb(),
): Promise<ActionTemplateListRow | null> {
  assertAdmin(actor);
  const rows = await listActionTemplates(actor, db);
  return rows.find((row) => row.id === id) ?? null;
}

/** Active templates, for the status form's drop-down. */
export async function listActiveActionTemplateOptions(
  actor: Actor | null,
  db: Queryable = getDb(),
): Promise<{ id: number; name: string; channel: ActionTemplate["channel"]; dueOffsetDays: number }[]> {
  assertAdmin(actor);
  return db
    .select({
      id: actionTemplates.id,
      name: actionTemplates.name,
      channel: actionTemplates.channel,
      dueOffsetDays: actionTemplates.dueOffsetDays,
    })
    .from(actionTemplates)
    .where(eq(actionTemplates.archived, false))
    .orderBy(sql`lower(${actionTemplates.name})`);
}

type TemplateSnapshot = Pick<ActionTemplate, "name" | "channel" | "title" | "instructions" | "dueOffsetDays" | "archived">;

function snapshot(row: ActionTemplate): TemplateSnapshot {
  return {
    name: row.name,
    channel: row.channel,
    title: row.title,
    instructions: row.instructions,
    dueOffsetDays: row.dueOffsetDays,
    archived: row.archived,
  };
}

async function assertNameFree(tx: Tx, name: string, exceptId?: number): Promise<void> {
  const [clash] = await tx
    .select({ id: actionTemplates.id })
    .from(actionTemplates)
    .where(
      and(
        eq(sql`lower(${actionTemplates.name})`, sql`lower(${name})`),
        exceptId === undefined ? undefined : ne(actionTemplates.id, exceptId),
      ),
    );
  if (clash) throw new DomainError("templateNameTaken", { name }, { field: "name" });
}

async function lockTemplate(tx: Tx, id: number): Promise<ActionTemplate> {
  const [row] = await tx.select().from(actionTemplates).where(eq(actionTemplates.id, id)).for("update");
  if (!row) throw new NotFoundError("templateNotFound");
  return row;
}

/** A concurrent insert of the same name (case-insensitively) loses on the unique index. */
function nameTakenOnRace(error: unknown, name: string): unknown {
  return isUniqueViolation(error) ? new DomainError("templateNameTaken", { name }, { cause: error, field: "name" }) : error;
}

export async function createActionTemplate(actor: Actor | null, input: unknown): Promise<{ id: number }> {
  assertAdmin(actor);
  const data = parseInput(createActionTemplateSchema, input);
  try {
    return await getDb().transaction(async (tx) => {
      await assertNameFree(tx, data.name);
      const [row] = await tx.insert(actionTemplates).values(data).returning();
      await recordAudit(tx, {
        actorId: actor.id,
        event: "action_template.create",
        entity: "action_template",
        entityId: row!.id,
        after: snapshot(row!),
      });
      return { id: row!.id };
    });
  } catch (error) {
    throw nameTakenOnRace(error, data.name);
  }
}

export async function updateActionTemplate(actor: Actor | null, input: unknown): Promise<{ id: number }> {
  assertAdmin(actor);
  const { id, ...data } = parseInput(updateActionTemplateSchema, input);
  try {
    return await getDb().transaction(async (tx) => {
      const before = await lockTemplate(tx, id);
      await assertNameFree(tx, data.name, id);
      const [after] = await tx
        .update(actionTemplates)
        .set({ ...data, updatedAt: new Date() })
        .where(eq(actionTemplates.id, id))
        .returning();
      await recordAudit(tx, {
        actorId: actor.id,
        event: "action_template.update",
        entity: "action_template",
        entityId: id,
        before: snapshot(before),
        after: snapshot(after!),
      });
      return { id };
    });
  } catch (error) {
    throw nameTakenOnRace(error, data.name);
  }
}

/**
 * Archived templates are no longer offered to statuses. An active status that carries the
 * template would create follow-ups from an archived template, so that is refused.
 */
export async function archiveActionTemplate(actor: Actor | null, input: unknown): Promise<{ id: number }> {
  assertAdmin(actor);
  const { id } = parseInput(actionTemplateIdSchema, input);
  return getDb().transaction(async (tx) => {
    const before = await lockTemplate(tx, id);
    if (before.archived) return { id };
    // Status writers lock the template FOR SHARE, so no active status can appear after this read.
    const users = await tx
      .select({ label: itemStatuses.label })
      .from(itemStatuses)
      .where(and(eq(itemStatuses.actionTemplateId, id), eq(itemStatuses.archived, false)))
      .orderBy(asc(itemStatuses.sortOrder), asc(itemStatuses.id));
    if (users.length > 0) {
      throw new DomainError("templateUsedByActiveStatuses", {
        count: users.length,
        statuses: users.map((s) => s.label).join(", "),
      });
    }
    await tx.update(actionTemplates).set({ archived: true, updatedAt: new Date() }).where(eq(actionTemplates.id, id));
    await recordAudit(tx, {
      actorId: actor.id,
      event: "action_template.archive",
      entity: "action_template",
      entityId: id,
      before: { archived: false },
      after: { archived: true },
    });
    return { id };
  });
}

export async function unarchiveActionTemplate(actor: Actor | null, input: unknown): Promise<{ id: number }> {
  assertAdmin(actor);
  const { id } = parseInput(actionTemplateIdSchema, input);
  return getDb().transaction(async (tx) => {
    const before = await lockTemplate(tx, id);
    if (!before.archived) return { id };
    await tx.update(actionTemplates).set({ archived: false, updatedAt: new Date() }).where(eq(actionTemplates.id, id));
    await recordAudit(tx, {
      actorId: actor.id,
      event: "action_template.unarchive",
      entity: "action_template",
      entityId: id,
      before: { archived: true },
      after: { archived: false },
    });
    return { id };
  });
}

/** Only a template nothing refers to can be deleted; otherwise it can be archived. */
export async function deleteActionTemplate(actor: Actor | null, input: unknown): Promise<{ id: number }> {
  assertAdmin(actor);
  const { id } = parseInput(actionTemplateIdSchema, input);
  try {
    return await getDb().transaction(async (tx) => {
      const before = await lockTemplate(tx, id);
      const statuses = await tx
        .select({ label: itemStatuses.label })
        .from(itemStatuses)
        .where(eq(itemStatuses.actionTemplateId, id))
        .orderBy(asc(itemStatuses.archived), asc(itemStatuses.sortOrder), asc(itemStatuses.id));
      if (statuses.length > 0) {
        throw new DomainError("templateUsedByStatuses", {
          count: statuses.length,
          statuses: statuses.map((s) => s.label).join(", "),
        });
      }
      const [action] = await tx.select({ id: actions.id }).from(actions).where(eq(actions.templateId, id)).limit(1);
      if (action) throw new DomainError("templateUsedByActions");
      await tx.delete(actionTemplates).where(eq(actionTemplates.id, id));
      await recordAudit(tx, {
        actorId: actor.id,
        event: "action_template.delete",
        entity: "action_template",
        entityId: id,
        before: snapshot(before),
      });
      return { id };
    });
  } catch (error) {
    // A follow-up created from it between our check and the delete.
    if (isForeignKeyViolation(error)) throw new DomainError("templateUsedByActions", {}, { cause: error });
    throw error;
  }
}
