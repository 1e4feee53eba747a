import "server-only";

import { sql } from "drizzle-orm";

import { getDb } from "@/db/client";
import type { EventSource } from "@/db/schema";

import { assertCanRead, type Actor } from "./authz";
import type { CalendarDate } from "./calendar";
import { MAX_ITEMS_PER_OPERATION } from "./itemStatus";

/** Operations (not events) per page. */
export const HISTORY_PAGE_SIZE = 20;
/** Document numbers listed on a collapsed entry. */
export const HISTORY_PREVIEW_ITEMS = 5;

export type HistoryStatus = { id: number; label: string; colour: string };

export type HistoryEntry = {
  operationId: string;
  /** ISO timestamp. */
  occurredAt: string;
  actorName: string;
  source: EventSource;
  itemCount: number;
  /** The first few document numbers (all of them when the operation is small). */
  documentNumbers: string[];
  /** Distinct previous statuses across the operation's items (null = no status). */
  oldStatuses: (HistoryStatus | null)[];
  newStatus: HistoryStatus | null;
  oldPromiseDates: (CalendarDate | null)[];
  newPromiseDate: CalendarDate | null;
  comment: string | null;
};

export type HistoryPage = {
  entries: HistoryEntry[];
  /** Number of operations. */
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
};

/**
 * The History tab: the customer's item events grouped by operation (one entry per Change status,
 * Quick Promise, Undo, Import), newest first, paginated by operation. One statement for the page
 * (each of its 20 operations is read through item_events_operation_idx), one for the count.
 */
export async function getCustomerHistory(
  actor: Actor | null,
  input: { customerId: number; page: number },
): Promise<HistoryPage> {
  assertCanRead(actor);
  const db = getDb();
  const pageSize = HISTORY_PAGE_SIZE;
  const [entriesResult, countResult, statusResult] = await Promise.all([
    db.execute<{
      operation_id: string;
      occurred_ms: number;
      item_count: number | string;
      actor_name: string;
      source: EventSource;
      comment: string | null;
      new_status_id: number | null;
      new_promise_date: string | null;
      old_status_ids: (number | null)[];
      old_promise_dates: (string | null)[];
      document_numbers: string[];
    }>(sql`
      with ops as (
        select e.operation_id, max(e.occurred_at) as occurred_at, max(e.id) as last_id, count(*) as item_count
        from item_events e
        where e.customer_id = ${input.customerId}
        group by e.operation_id
        order by max(e.occurred_at) desc, max(e.id) desc
        limit ${pageSize} offset ${(input.page - 1) * pageSize}
      )
      select ops.operation_id, (extract(epoch from ops.occurred_at) * 1000)::float8 as occurred_ms, ops.item_count,
             u.name as actor_name, f.source, f.comment, f.new_status_id, f.new_promise_date::text as new_promise_date,
             d.old_status_ids, d.old_promise_dates, docs.document_numbers
      from ops
      join lateral (
        select e.actor_id, e.source, e.comment, e.new_status_id, e.new_promise_date
        from item_events e
        where e.operation_id = ops.operation_id
        order by e.id
        limit 1
      ) f on true
      join users u on u.id = f.actor_id
      join lateral (
        select array_agg(distinct e.old_status_id) as old_status_ids,
               array_agg(distinct e.old_promise_date::text) as old_promise_dates
        from item_events e
        where e.operation_id = ops.operation_id
      ) d on true
      join lateral (
        select array_agg(i.document_number order by i.document_number) as document_numbers
        from (
          select e.item_id from item_events e where e.operation_id = ops.operation_id order by e.item_id limit ${HISTORY_PREVIEW_ITEMS}
        ) x
        join items i on i.id = x.item_id
      ) docs on true
      order by ops.occurred_at desc, ops.last_id desc`),
    db.execute<{ n: number | string }>(sql`
      select count(distinct operation_id) as n from item_events where customer_id = ${input.customerId}`),
    db.execute<{ id: number; label: string; colour: string }>(sql`select id, label, colour from item_statuses`),
  ]);
  const statuses = new Map(statusResult.rows.map((s) => [Number(s.id), { id: Number(s.id), label: s.label, colour: s.colour }]));
  const statusOf = (id: number | null): HistoryStatus | null =>
    id === null ? null : (statuses.get(Number(id)) ?? { id: Number(id), label: "?", colour: "#64748b" });
  const total = Number(countResult.rows[0]?.n ?? 0);
  return {
    entries: entriesResult.rows.map((row) => ({
      operationId: row.operation_id,
      occurredAt: new Date(Number(row.occurred_ms)).toISOString(),
      actorName: row.actor_name,
      source: row.source,
      itemCount: Number(row.item_count),
      documentNumbers: row.document_numbers ?? [],
      oldStatuses: (row.old_status_ids ?? []).map(statusOf),
      newStatus: statusOf(row.new_status_id),
      oldPromiseDates: row.old_promise_dates ?? [],
      newPromiseDate: row.new_promise_date,
      comment: row.comment,
    })),
    total,
    page: input.page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
  };
}

export type OperationItem = {
  itemId: number;
  documentNumber: string;
  oldStatus: HistoryStatus | null;
  newStatus: HistoryStatus | null;
  oldPromiseDate: CalendarDate | null;
  newPromiseDate: CalendarDate | null;
};

/** Every item of one operation of this customer (the expanded entry), by document number. */
export async function getOperationItems(
  actor: Actor | null,
  input: { customerId: number; operationId: string },
): Promise<OperationItem[]> {
  assertCanRead(actor);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(input.operationId)) return [];
  const { rows } = await getDb().execute<{
    item_id: number;
    document_number: string;
    old_status_id: number | null;
    old_label: string | null;
    old_colour: string | null;
    new_status_id: number | null;
    new_label: string | null;
    new_colour: string | null;
    old_promise_date: string | null;
    new_promise_date: string | null;
  }>(sql`
    select e.item_id, i.document_number,
           e.old_status_id, os.label as old_label, os.colour as old_colour,
           e.new_status_id, ns.label as new_label, ns.colour as new_colour,
           e.old_promise_date::text as old_promise_date, e.new_promise_date::text as new_promise_date
    from item_events e
    join items i on i.id = e.item_id
    left join item_statuses os on os.id = e.old_status_id
    left join item_statuses ns on ns.id = e.new_status_id
    where e.operation_id = ${input.operationId}::uuid and e.customer_id = ${input.customerId}
    order by i.document_number
    limit ${MAX_ITEMS_PER_OPERATION}`);
  return rows.map((row) => ({
    itemId: Number(row.item_id),
    documentNumber: row.document_number,
    oldStatus: row.old_status_id === null ? null : { id: Number(row.old_status_id), label: row.old_label ?? "", colour: row.old_colour ?? "#64748b" },
    newStatus: row.new_status_id === null ? null : { id: Number(row.new_status_id), label: row.new_label ?? "", colour: row.new_colour ?? "#64748b" },
    oldPromiseDate: row.old_promise_date,
    newPromiseDate: row.new_promise_date,
  }));
}
