import "server-only";

import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";

import { getDb, type Tx } from "@/db/client";
import { preparedSql } from "@/db/preparedSql";
import {
  actionItems,
  actions,
  actionTemplates,
  customers,
  DEBIT_TYPES,
  itemEvents,
  items,
  itemStatuses,
  organizationSettings,
  quickPromiseApplications,
  type Channel,
  type EventSource,
} from "@/db/schema";

import { assertCanAct, canActOnCustomer, type Actor } from "./authz";
import { addCalendarDays, isCalendarDate, todayIn, type CalendarDate } from "./calendar";
import { DomainError, ForbiddenError, NotFoundError } from "./errors";
import { optionalText, parseInput, recordId } from "./validation";

/** A promise date entered by hand is at most this far ahead. */
export const MAX_PROMISE_DAYS_AHEAD = 366;

/** One request may qualify at most this many items (Globex's whole statement fits). */
export const MAX_ITEMS_PER_OPERATION = 5_000;

export const itemIdsSchema = z
  .array(recordId)
  .min(1, { error: "Select at least one item." })
  .max(MAX_ITEMS_PER_OPERATION, { error: `Select at most ${MAX_ITEMS_PER_OPERATION} items at a time.` })
  .transform((ids) => [...new Set(ids)].sort((a, b) => a - b));

/** The Change status dialog's input. */
export const changeStatusSchema = z
  .object({
    customerId: recordId,
    itemIds: itemIdsSchema,
    statusId: recordId,
    promiseDate: z
      .string()
      .trim()
      .max(10)
      .refine((value) => value === "" || isCalendarDate(value), { error: "Enter a valid date." })
      .transform((value) => (value === "" ? null : value))
      .nullish(),
    comment: optionalText(2_000),
  })
  .strict();
export type ChangeStatusInput = z.input<typeof changeStatusSchema>;

/** What an operation on items did, for the confirmation message and the tests. */
export type StatusOperationResult = {
  operationId: string;
  count: number;
  /** Outstanding of the items, per currency, in minor units. */
  totals: Record<string, number>;
  statusId: number;
  promiseDate: CalendarDate | null;
  followUp: { actionId: number; dueDate: CalendarDate } | null;
};

export type LockedItem = {
  id: number;
  type: string;
  outstanding: number;
  currency: string;
  documentNumber: string;
};

export type OperationContext = {
  customer: { id: number; collectorId: number | null };
  timeZone: string;
};

/**
 * Checks that the actor may act on this customer's items and returns what the operation needs.
 * An unknown customer and one the actor may not see give the same answer.
 */
export async function loadOperationContext(tx: Tx, actor: Actor, customerId: number): Promise<OperationContext> {
  const [row] = await tx
    .select({
      id: customers.id,
      collectorId: customers.collectorId,
      timeZone: organizationSettings.timeZone,
      collectorsOwnCustomersOnly: organizationSettings.collectorsOwnCustomersOnly,
    })
    .from(customers)
    .innerJoin(organizationSettings, eq(organizationSettings.id, 1))
    .where(eq(customers.id, customerId));
  if (!row) throw new NotFoundError("customerNotFound");
  const customer = { id: row.id, collectorId: row.collectorId };
  if (!canActOnCustomer(actor, customer, row)) throw new ForbiddenError("notYourCustomer");
  return { customer, timeZone: row.timeZone };
}

const lockItemsQuery = preparedSql<
  { id: number; type: string; outstanding: string | number; currency: string; document_number: string },
  { customerId: number; itemIds: number[] }
>(
  "lock_items",
  sql`
    select id, type, outstanding, currency, document_number
    from ${items}
    where id = any(${sql.placeholder("itemIds")}::int[]) and customer_id = ${sql.placeholder("customerId")}::int
    order by id
    for update`,
);

/**
 * Locks the selected items in id order (concurrent operations on the same items serialise, and
 * always in the same order, so they cannot deadlock) and checks each is this customer's and an
 * open debit item. Items of another customer are reported like unknown ones: no leak of their existence.
 */
export async function lockEligibleItems(tx: Tx, customerId: number, itemIds: number[]): Promise<LockedItem[]> {
  const rows = await lockItemsQuery(tx, { customerId, itemIds });
  if (rows.length !== itemIds.length) {
    throw new NotFoundError("itemsNotFound", { count: itemIds.length - rows.length });
  }
  const ineligible = rows.filter(
    (row) => !(DEBIT_TYPES as readonly string[]).includes(row.type) || Number(row.outstanding) <= 0,
  );
  if (ineligible.length > 0) {
    const documents = ineligible.slice(0, 10).map((row) => row.document_number);
    throw new DomainError("itemsNotEligible", {
      count: ineligible.length,
      documents: documents.join(", ") + (ineligible.length > documents.length ? ", …" : ""),
    });
  }
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    outstanding: Number(row.outstanding),
    currency: row.currency.trim(),
    documentNumber: row.document_number,
  }));
}

export function totalsByCurrency(items: readonly { outstanding: number; currency: string }[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const item of items) totals[item.currency] = (totals[item.currency] ?? 0) + item.outstanding;
  return totals;
}

/** What a follow-up action is made from. */
export type ActionTemplateRef = { id: number; channel: Channel; title: string; instructions: string; dueOffsetDays: number };

export type ActiveStatus = { id: number; label: string; template: ActionTemplateRef | null };

/** The status with its action template, or a refusal when it is unknown or archived. */
export async function loadActiveStatus(tx: Tx, statusId: number): Promise<ActiveStatus> {
  const [row] = await tx
    .select({
      id: itemStatuses.id,
      label: itemStatuses.label,
      archived: itemStatuses.archived,
      templateId: actionTemplates.id,
      channel: actionTemplates.channel,
      title: actionTemplates.title,
      instructions: actionTemplates.instructions,
      dueOffsetDays: actionTemplates.dueOffsetDays,
    })
    .from(itemStatuses)
    .leftJoin(actionTemplates, eq(actionTemplates.id, itemStatuses.actionTemplateId))
    .where(eq(itemStatuses.id, statusId));
  if (!row) throw new NotFoundError("statusNotFound");
  if (row.archived) throw new DomainError("statusArchived", { label: row.label });
  return { id: row.id, label: row.label, template: templateOf(row) };
}

/** The action template of a status read with a left join (null columns: the status has none). */
export function templateOf(row: {
  templateId: number | null;
  channel: ActionTemplateRef["channel"] | null;
  title: string | null;
  instructions: string | null;
  dueOffsetDays: number | null;
}): ActionTemplateRef | null {
  if (row.templateId === null) return null;
  return {
    id: row.templateId,
    channel: row.channel!,
    title: row.title!,
    instructions: row.instructions ?? "",
    dueOffsetDays: row.dueOffsetDays ?? 0,
  };
}

/**
 * Sets status and promise date and appends one history event per item, in one statement. Old
 * values are read from the rows as they were before it (locked, so stable).
 */
const applyStatusQuery = preparedSql<
  Record<string, never>,
  {
    itemIds: number[];
    statusId: number;
    promiseDate: CalendarDate | null;
    actorId: number;
    operationId: string;
    source: EventSource;
    comment: string | null;
    applicationId: number | null;
  }
>(
  "apply_status",
  sql`
    with old as (
      select id, customer_id, status_id, promise_date from ${items} where id = any(${sql.placeholder("itemIds")}::int[])
    ),
    updated as (
      update ${items}
      set status_id = ${sql.placeholder("statusId")}::int,
          promise_date = ${sql.placeholder("promiseDate")}::date,
          version = items.version + 1,
          updated_at = now()
      from old
      where items.id = old.id
      returning items.id
    )
    insert into ${itemEvents} (
      item_id, customer_id, actor_id, operation_id, source,
      old_status_id, new_status_id, old_promise_date, new_promise_date, comment, quick_promise_application_id
    )
    select old.id, old.customer_id, ${sql.placeholder("actorId")}::int, ${sql.placeholder("operationId")}::uuid,
           ${sql.placeholder("source")}::event_source, old.status_id, ${sql.placeholder("statusId")}::int,
           old.promise_date, ${sql.placeholder("promiseDate")}::date, ${sql.placeholder("comment")}::text,
           ${sql.placeholder("applicationId")}::int
    from old join updated on updated.id = old.id
    order by old.id`,
);

/**
 * The follow-up action, its links to every item and (for a Quick Promise) the application's
 * pointer to it, in one statement.
 */
const createFollowUpQuery = preparedSql<
  { id: number },
  {
    customerId: number;
    templateId: number;
    channel: Channel;
    title: string;
    instructions: string;
    dueDate: CalendarDate;
    assigneeId: number;
    creatorId: number;
    itemIds: number[];
    applicationId: number | null;
  }
>(
  "create_follow_up",
  sql`
    with action as (
      insert into ${actions} (customer_id, template_id, channel, title, instructions, due_date, assignee_id, creator_id)
      values (${sql.placeholder("customerId")}::int, ${sql.placeholder("templateId")}::int,
              ${sql.placeholder("channel")}::action_channel, ${sql.placeholder("title")}::text,
              ${sql.placeholder("instructions")}::text, ${sql.placeholder("dueDate")}::date,
              ${sql.placeholder("assigneeId")}::int, ${sql.placeholder("creatorId")}::int)
      returning id
    ),
    links as (
      insert into ${actionItems} (action_id, item_id)
      select action.id, item_id from action, unnest(${sql.placeholder("itemIds")}::int[]) as item_id
    ),
    application as (
      update ${quickPromiseApplications} set action_id = (select id from action)
      where id = ${sql.placeholder("applicationId")}::int
    )
    select id from action`,
);

/**
 * The one mechanism behind Change status and Quick Promise: on items already locked and checked,
 * set the status and promise date, append one history event per item, and create the status's
 * follow-up action linked to all of them. A constant number of statements whatever the item count.
 */
export async function applyStatusToLockedItems(
  tx: Tx,
  input: {
    actor: Actor;
    context: OperationContext;
    items: LockedItem[];
    status: ActiveStatus;
    promiseDate: CalendarDate | null;
    comment: string | null;
    source: EventSource;
    operationId: string;
    quickPromiseApplicationId?: number;
  },
): Promise<StatusOperationResult> {
  const ids = input.items.map((item) => item.id);
  await applyStatusQuery(tx, {
    itemIds: ids,
    statusId: input.status.id,
    promiseDate: input.promiseDate,
    actorId: input.actor.id,
    operationId: input.operationId,
    source: input.source,
    comment: input.comment,
    applicationId: input.quickPromiseApplicationId ?? null,
  });

  let followUp: StatusOperationResult["followUp"] = null;
  const template = input.status.template;
  if (template) {
    const base = input.promiseDate ?? todayIn(input.context.timeZone);
    const dueDate = addCalendarDays(base, template.dueOffsetDays);
    const rows = await createFollowUpQuery(tx, {
      customerId: input.context.customer.id,
      templateId: template.id,
      channel: template.channel,
      title: template.title,
      instructions: template.instructions,
      dueDate,
      assigneeId: input.context.customer.collectorId ?? input.actor.id,
      creatorId: input.actor.id,
      itemIds: ids,
      applicationId: input.quickPromiseApplicationId ?? null,
    });
    const action = rows[0];
    followUp = { actionId: action!.id, dueDate };
  }

  return {
    operationId: input.operationId,
    count: ids.length,
    totals: totalsByCurrency(input.items),
    statusId: input.status.id,
    promiseDate: input.promiseDate,
    followUp,
  };
}

/**
 * Change status: apply any active status to selected items of one customer, with an optional
 * promise date (today or later, in the organisation's time zone) and comment. All or nothing.
 */
export async function changeItemStatus(actor: Actor | null, rawInput: unknown): Promise<StatusOperationResult> {
  assertCanAct(actor);
  const input = parseInput(changeStatusSchema, rawInput);
  return getDb().transaction(async (tx) => {
    const context = await loadOperationContext(tx, actor, input.customerId);
    const today = todayIn(context.timeZone);
    if (input.promiseDate && input.promiseDate < today) throw new DomainError("promiseDateInPast");
    // A typo in the year (2062) is far likelier than a promise to pay next year.
    if (input.promiseDate && input.promiseDate > addCalendarDays(today, MAX_PROMISE_DAYS_AHEAD)) {
      throw new DomainError("promiseDateTooFar");
    }
    const status = await loadActiveStatus(tx, input.statusId);
    const locked = await lockEligibleItems(tx, context.customer.id, input.itemIds);
    return applyStatusToLockedItems(tx, {
      actor,
      context,
      items: locked,
      status,
      promiseDate: input.promiseDate ?? null,
      comment: input.comment ?? null,
      source: "change_status",
      operationId: crypto.randomUUID(),
    });
  });
}

/** Active statuses for the Change status dialog, in the admin's order. */
export async function listActiveStatuses(actor: Actor | null) {
  assertCanAct(actor);
  return getDb()
    .select({ id: itemStatuses.id, label: itemStatuses.label, colour: itemStatuses.colour, category: itemStatuses.category })
    .from(itemStatuses)
    .where(and(eq(itemStatuses.archived, false)))
    .orderBy(itemStatuses.sortOrder, itemStatuses.label);
}
