import "server-only";

import { createHash } from "node:crypto";

import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";

import { getDb, type Tx } from "@/db/client";
import { preparedSql } from "@/db/preparedSql";
import {
  actions,
  actionTemplates,
  customers,
  itemStatuses,
  organizationSettings,
  quickPromiseApplications,
  type Channel,
} from "@/db/schema";

import { assertCanAct, assertCanRead, canActOnCustomer, type Actor } from "./authz";
import type { CalendarDate } from "./calendar";
import { DomainError, ForbiddenError, NotFoundError } from "./errors";
import {
  applyStatusToLockedItems,
  itemIdsSchema,
  loadOperationContext,
  lockEligibleItems,
  templateOf,
  totalsByCurrency,
  type ActiveStatus,
  type OperationContext,
} from "./itemStatus";
import { quickPromiseDate } from "./promiseDate";
import { getQuickPromiseConfig } from "./quickPromiseSettings";
import { parseInput, recordId } from "./validation";

/** The confirmation offers Undo for 30 s; the server allows a little more for a slow network. */
export const UNDO_WINDOW_MS = 2 * 60_000;

export const quickPromiseSchema = z
  .object({
    customerId: recordId,
    itemIds: itemIdsSchema,
    /** Names the officer's intent: the same key twice applies once. */
    idempotencyKey: z.uuid(),
  })
  .strict();
export type QuickPromiseInput = z.input<typeof quickPromiseSchema>;

export const undoQuickPromiseSchema = z.object({ applicationId: recordId }).strict();

export type QuickPromiseResult = {
  applicationId: number;
  count: number;
  /** Outstanding of the qualified items per currency, in minor units. */
  totals: Record<string, number>;
  statusLabel: string;
  promiseDate: CalendarDate;
  followUpDueDate: CalendarDate | null;
  /** True when this answer replays an earlier application of the same key. */
  replayed: boolean;
};

/** What the statement page needs to draw the Quick Promise button. */
export type QuickPromiseUiConfig =
  | { configured: false }
  | { configured: true; statusLabel: string; delayDays: number; hasFollowUp: boolean };

/** The same request always hashes the same: who, which customer, which items. */
function requestHash(actorId: number, customerId: number, itemIds: number[]): string {
  return createHash("sha256").update(JSON.stringify([actorId, customerId, itemIds])).digest("hex");
}

async function findApplicationResult(tx: Tx, idempotencyKey: string) {
  const [row] = await tx
    .select({
      applicationId: quickPromiseApplications.id,
      requestHash: quickPromiseApplications.requestHash,
      count: quickPromiseApplications.itemCount,
      totals: quickPromiseApplications.totals,
      statusLabel: itemStatuses.label,
      promiseDate: quickPromiseApplications.promiseDate,
      followUpDueDate: actions.dueDate,
    })
    .from(quickPromiseApplications)
    .innerJoin(itemStatuses, eq(itemStatuses.id, quickPromiseApplications.statusId))
    .leftJoin(actions, eq(actions.id, quickPromiseApplications.actionId))
    .where(eq(quickPromiseApplications.idempotencyKey, idempotencyKey));
  return row;
}

/** A replay returns the first result; a key reused for another request is refused. */
function replay(existing: NonNullable<Awaited<ReturnType<typeof findApplicationResult>>>, hash: string): QuickPromiseResult {
  if (existing.requestHash !== hash) throw new DomainError("idempotencyKeyReused");
  const { requestHash: _hash, ...result } = existing;
  return { ...result, replayed: true };
}

const quickPromiseContextQuery = preparedSql<
  {
    customerId: number | null;
    collectorId: number | null;
    timeZone: string;
    collectorsOwnCustomersOnly: boolean;
    delayDays: number | null;
    statusId: number | null;
    statusLabel: string | null;
    statusArchived: boolean | null;
    templateId: number | null;
    channel: Channel | null;
    title: string | null;
    instructions: string | null;
    dueOffsetDays: number | null;
    keyUsed: boolean;
  },
  { customerId: number; idempotencyKey: string }
>(
  "quick_promise_context",
  sql`
    select ${customers.id} as "customerId", ${customers.collectorId} as "collectorId",
           ${organizationSettings.timeZone} as "timeZone",
           ${organizationSettings.collectorsOwnCustomersOnly} as "collectorsOwnCustomersOnly",
           ${organizationSettings.quickPromiseDelayDays} as "delayDays",
           ${itemStatuses.id} as "statusId", ${itemStatuses.label} as "statusLabel",
           ${itemStatuses.archived} as "statusArchived",
           ${actionTemplates.id} as "templateId", ${actionTemplates.channel} as "channel",
           ${actionTemplates.title} as "title", ${actionTemplates.instructions} as "instructions",
           ${actionTemplates.dueOffsetDays} as "dueOffsetDays",
           exists (
             select 1 from ${quickPromiseApplications}
             where ${quickPromiseApplications.idempotencyKey} = ${sql.placeholder("idempotencyKey")}::uuid
           ) as "keyUsed"
    from ${organizationSettings}
    left join ${customers} on ${customers.id} = ${sql.placeholder("customerId")}::int
    left join ${itemStatuses} on ${itemStatuses.id} = ${organizationSettings.quickPromiseStatusId}
    left join ${actionTemplates} on ${actionTemplates.id} = ${itemStatuses.actionTemplateId}
    where ${organizationSettings.id} = 1`,
);

/**
 * Everything a Quick Promise needs to know before touching items, in one query: the customer and
 * its collector, the organisation's zone and rules, the configured status with its template, and
 * whether this idempotency key was already used.
 */
async function loadQuickPromiseContext(tx: Tx, actor: Actor, customerId: number, idempotencyKey: string) {
  const [row] = await quickPromiseContextQuery(tx, { customerId, idempotencyKey });
  if (!row) throw new DomainError("organizationMissing");
  if (row.keyUsed) return { replay: true as const };
  if (row.customerId === null) throw new NotFoundError("customerNotFound");
  const customer = { id: row.customerId, collectorId: row.collectorId };
  if (!canActOnCustomer(actor, customer, row)) throw new ForbiddenError("notYourCustomer");
  if (row.statusId === null || row.statusArchived || row.delayDays === null) {
    throw new DomainError("quickPromiseNotConfigured");
  }
  const context: OperationContext = { customer, timeZone: row.timeZone };
  const status: ActiveStatus = { id: row.statusId, label: row.statusLabel!, template: templateOf(row) };
  return { replay: false as const, context, status, delayDays: row.delayDays };
}

/** Claims the idempotency key: no row back means another request holds it. */
const claimApplicationQuery = preparedSql<
  { id: number; operationId: string },
  {
    idempotencyKey: string;
    requestHash: string;
    actorId: number;
    customerId: number;
    statusId: number;
    promiseDate: CalendarDate;
    itemCount: number;
    totals: string;
    operationId: string;
  }
>(
  "quick_promise_claim",
  sql`
    insert into ${quickPromiseApplications} (
      idempotency_key, request_hash, actor_id, customer_id, status_id, promise_date, item_count, totals, operation_id
    )
    values (
      ${sql.placeholder("idempotencyKey")}::uuid, ${sql.placeholder("requestHash")}, ${sql.placeholder("actorId")}::int,
      ${sql.placeholder("customerId")}::int, ${sql.placeholder("statusId")}::int, ${sql.placeholder("promiseDate")}::date,
      ${sql.placeholder("itemCount")}::int, ${sql.placeholder("totals")}::jsonb, ${sql.placeholder("operationId")}::uuid
    )
    on conflict (idempotency_key) do nothing
    returning id, operation_id as "operationId"`,
);

/** Replays the application stored under this key (it exists: the caller saw it or lost the race for it). */
async function replayApplication(tx: Tx, idempotencyKey: string, hash: string): Promise<QuickPromiseResult> {
  const existing = await findApplicationResult(tx, idempotencyKey);
  if (!existing) throw new Error("Idempotency key conflict without a stored application");
  return replay(existing, hash);
}

/**
 * Quick Promise to Pay, in one transaction: check rights and configuration, lock and check the
 * items, set the configured status and promise date (today in the organisation's zone + X days),
 * append one history event per item, create the follow-up action, record the application.
 * Idempotent on `idempotencyKey`. Five statements between BEGIN and COMMIT whatever the item count.
 */
export async function applyQuickPromise(
  input: { actor: Actor | null; now?: Date } & { [K in keyof QuickPromiseInput]: unknown },
): Promise<QuickPromiseResult> {
  const { actor, now, ...raw } = input;
  assertCanAct(actor);
  const { customerId, itemIds, idempotencyKey } = parseInput(quickPromiseSchema, raw);
  const hash = requestHash(actor.id, customerId, itemIds);

  return getDb().transaction(async (tx) => {
    const loaded = await loadQuickPromiseContext(tx, actor, customerId, idempotencyKey);
    if (loaded.replay) return replayApplication(tx, idempotencyKey, hash);
    const { context, status, delayDays } = loaded;
    const promiseDate = quickPromiseDate({ timeZone: context.timeZone, delayDays, now });
    const items = await lockEligibleItems(tx, customerId, itemIds);
    const totals = totalsByCurrency(items);

    // Claim the key: a concurrent request with the same key waits here for us to commit, then
    // finds our row and replays it.
    const [claimed] = await claimApplicationQuery(tx, {
      idempotencyKey,
      requestHash: hash,
      actorId: actor.id,
      customerId,
      statusId: status.id,
      promiseDate,
      itemCount: items.length,
      totals: JSON.stringify(totals),
      operationId: crypto.randomUUID(),
    });
    if (!claimed) return replayApplication(tx, idempotencyKey, hash);

    const applied = await applyStatusToLockedItems(tx, {
      actor,
      context,
      items,
      status,
      promiseDate,
      comment: null,
      source: "quick_promise",
      operationId: claimed.operationId,
      quickPromiseApplicationId: claimed.id,
    });
    return {
      applicationId: claimed.id,
      count: applied.count,
      totals,
      statusLabel: status.label,
      promiseDate,
      followUpDueDate: applied.followUp?.dueDate ?? null,
      replayed: false,
    };
  });
}

/**
 * Undo a Quick Promise shortly after it was applied: each item gets back its previous status and
 * promise date, the follow-up action is cancelled, and the undo is appended to history.
 * Refused once anything else has changed those items since.
 */
export async function undoQuickPromise(
  actor: Actor | null,
  rawInput: unknown,
  now: Date = new Date(),
): Promise<{ count: number; customerId: number }> {
  assertCanAct(actor);
  const { applicationId } = parseInput(undoQuickPromiseSchema, rawInput);
  return getDb().transaction(async (tx) => {
    const [application] = await tx
      .select()
      .from(quickPromiseApplications)
      .where(eq(quickPromiseApplications.id, applicationId))
      .for("update");
    if (!application) throw new NotFoundError();
    await loadOperationContext(tx, actor, application.customerId);
    if (application.undoneAt) throw new DomainError("undoAlreadyDone");
    if (now.getTime() - application.createdAt.getTime() > UNDO_WINDOW_MS) throw new DomainError("undoExpired");

    const { rows: locked } = await tx.execute<{ id: number }>(sql`
      select id from items
      where id in (
        select item_id from item_events
        where quick_promise_application_id = ${applicationId} and source = 'quick_promise'
      )
      order by id
      for update`);
    const { rows: touched } = await tx.execute<{ changed: boolean; action_state: string | null }>(sql`
      select
        exists (
          select 1 from item_events later
          where later.item_id in (
            select item_id from item_events where quick_promise_application_id = ${applicationId}
          )
          and later.id > (
            select max(id) from item_events where quick_promise_application_id = ${applicationId}
          )
        ) as changed,
        (select state from actions where id = ${application.actionId ?? null}::int) as action_state`);
    if (touched[0]?.changed || (touched[0]?.action_state ?? "open") !== "open") {
      throw new DomainError("undoTouched");
    }

    await tx.execute(sql`
      with applied as (
        select item_id, customer_id, old_status_id, new_status_id, old_promise_date, new_promise_date
        from item_events
        where quick_promise_application_id = ${applicationId} and source = 'quick_promise'
      ),
      restored as (
        update items
        set status_id = applied.old_status_id,
            promise_date = applied.old_promise_date,
            version = items.version + 1,
            updated_at = now()
        from applied
        where items.id = applied.item_id
        returning items.id
      )
      insert into item_events (
        item_id, customer_id, actor_id, operation_id, source,
        old_status_id, new_status_id, old_promise_date, new_promise_date, quick_promise_application_id
      )
      select applied.item_id, applied.customer_id, ${actor.id}, ${crypto.randomUUID()}::uuid, 'undo',
             applied.new_status_id, applied.old_status_id, applied.new_promise_date, applied.old_promise_date,
             ${applicationId}
      from applied join restored on restored.id = applied.item_id
      order by applied.item_id`);
    if (application.actionId) {
      await tx.update(actions).set({ state: "cancelled" }).where(eq(actions.id, application.actionId));
    }
    await tx
      .update(quickPromiseApplications)
      .set({ undoneAt: now, undoneById: actor.id })
      .where(and(eq(quickPromiseApplications.id, applicationId)));
    return { count: locked.length, customerId: application.customerId };
  });
}

/** What the statement page needs to draw the Quick Promise button. */
export async function getQuickPromiseUiConfig(actor: Actor | null): Promise<QuickPromiseUiConfig> {
  assertCanRead(actor);
  const config = await getQuickPromiseConfig();
  if (!config.configured) return { configured: false };
  return {
    configured: true,
    statusLabel: config.status.label,
    delayDays: config.delayDays,
    hasFollowUp: config.status.actionTemplate !== null,
  };
}
