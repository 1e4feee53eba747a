import "server-only";

import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";

import { getDb } from "@/db/client";
import { DEBIT_TYPES, type ItemType } from "@/db/schema";

import { assertCanRead, type Actor } from "./authz";
import { todayIn, type CalendarDate } from "./calendar";
import { DomainError } from "./errors";
import { MAX_ITEMS_PER_OPERATION } from "./itemStatus";
import { getOrganizationSettings } from "./settings";
import { recordId } from "./validation";

export const STATEMENT_PAGE_SIZE = 100;

export const STATEMENT_SCOPES = ["open", "all"] as const;
export type StatementScope = (typeof STATEMENT_SCOPES)[number];
export const STATEMENT_SORTS = ["due_asc", "due_desc", "amount_desc", "amount_asc"] as const;
export type StatementSort = (typeof STATEMENT_SORTS)[number];
/** "any": no status filter; "none": items without a status; a number: that status. */
export type StatusFilter = "any" | "none" | number;

/** What decides which items match; the selection belongs to one filter (sort and page do not change it). */
export type StatementFilter = { scope: StatementScope; status: StatusFilter };
export type StatementQuery = StatementFilter & { sort: StatementSort; page: number };

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

export const statusFilterSchema = z.union([
  z.literal("any"),
  z.literal("none"),
  recordId,
]);

/** URL search params → a valid statement query; anything unexpected falls back to the default. */
export function parseStatementQuery(params: Record<string, string | string[] | undefined>): StatementQuery {
  const schema = z.object({
    scope: z.preprocess(first, z.enum(STATEMENT_SCOPES)).catch("open"),
    status: z.preprocess(first, statusFilterSchema).catch("any"),
    sort: z.preprocess(first, z.enum(STATEMENT_SORTS)).catch("due_asc"),
    page: z.preprocess(first, z.coerce.number().int().min(1).max(1_000_000)).catch(1),
  });
  return schema.parse({ scope: params.scope, status: params.status ?? "any", sort: params.sort, page: params.page });
}

/** Only open debit items can be qualified (the same rule lockEligibleItems enforces on write). */
export function isSelectable(item: { type: ItemType | string; outstanding: number }): boolean {
  return (DEBIT_TYPES as readonly string[]).includes(item.type) && item.outstanding > 0;
}

export type StatementRow = {
  id: number;
  documentNumber: string;
  type: ItemType;
  documentDate: CalendarDate;
  dueDate: CalendarDate;
  /** Days past due of an open debit item; 0 otherwise. */
  daysOverdue: number;
  amount: number;
  outstanding: number;
  currency: string;
  status: { id: number; label: string; colour: string } | null;
  promiseDate: CalendarDate | null;
  selectable: boolean;
};

export type StatementPage = {
  rows: StatementRow[];
  /** Items matching the filter, and how many of them can be selected. */
  total: number;
  selectableTotal: number;
  page: number;
  pageSize: number;
  pageCount: number;
  today: CalendarDate;
};

function filterSql(customerId: number, filter: StatementFilter): SQL {
  const conditions: SQL[] = [sql`i.customer_id = ${customerId}`];
  if (filter.scope === "open") conditions.push(sql`i.outstanding <> 0`);
  if (filter.status === "none") conditions.push(sql`i.status_id is null`);
  else if (typeof filter.status === "number") conditions.push(sql`i.status_id = ${filter.status}`);
  return sql.join(conditions, sql` and `);
}

const SELECTABLE = sql`i.type in ('invoice', 'debit_note') and i.outstanding > 0`;

const ORDER_BY: Record<StatementSort, SQL> = {
  due_asc: sql`i.due_date asc, i.id asc`,
  due_desc: sql`i.due_date desc, i.id desc`,
  amount_desc: sql`i.amount desc, i.id asc`,
  amount_asc: sql`i.amount asc, i.id asc`,
};

type RawStatementRow = {
  id: number;
  document_number: string;
  type: ItemType;
  document_date: string;
  due_date: string;
  days_overdue: number | string;
  amount: number | string;
  outstanding: number | string;
  currency: string;
  status_id: number | null;
  status_label: string | null;
  status_colour: string | null;
  promise_date: string | null;
};

/**
 * One page of a customer's account statement (100 rows) and the size of the whole match. The rows
 * come from items_customer_open_idx / items_customer_due_idx in due-date order, so the first page of
 * a 5,000-item statement reads 100 index entries, not 5,000.
 */
export async function getStatementPage(
  actor: Actor | null,
  input: { customerId: number } & StatementQuery,
): Promise<StatementPage> {
  assertCanRead(actor);
  const db = getDb();
  const settings = await getOrganizationSettings();
  const today = todayIn(settings.timeZone);
  const where = filterSql(input.customerId, input);
  const pageSize = STATEMENT_PAGE_SIZE;
  const [rowsResult, countResult] = await Promise.all([
    db.execute<RawStatementRow>(sql`
      select i.id, i.document_number, i.type, i.document_date, i.due_date,
             case when i.outstanding > 0 and i.due_date < ${today}::date then ${today}::date - i.due_date else 0 end as days_overdue,
             i.amount, i.outstanding, i.currency, i.status_id, s.label as status_label, s.colour as status_colour, i.promise_date
      from items i
      left join item_statuses s on s.id = i.status_id
      where ${where}
      order by ${ORDER_BY[input.sort]}
      limit ${pageSize} offset ${(input.page - 1) * pageSize}`),
    db.execute<{ total: number | string; selectable: number | string }>(sql`
      select count(*) as total, count(*) filter (where ${SELECTABLE}) as selectable
      from items i
      where ${where}`),
  ]);
  const total = Number(countResult.rows[0]?.total ?? 0);
  const rows = rowsResult.rows.map((row): StatementRow => {
    const outstanding = Number(row.outstanding);
    return {
      id: Number(row.id),
      documentNumber: row.document_number,
      type: row.type,
      documentDate: row.document_date,
      dueDate: row.due_date,
      daysOverdue: Number(row.days_overdue),
      amount: Number(row.amount),
      outstanding,
      currency: row.currency.trim(),
      status:
        row.status_id === null ? null : { id: Number(row.status_id), label: row.status_label ?? "", colour: row.status_colour ?? "#64748b" },
      promiseDate: row.promise_date,
      selectable: isSelectable({ type: row.type, outstanding }),
    };
  });
  return {
    rows,
    total,
    selectableTotal: Number(countResult.rows[0]?.selectable ?? 0),
    page: input.page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    today,
  };
}

export type MatchingSelection = {
  ids: number[];
  count: number;
  /** Outstanding of the selected items per currency, minor units. */
  totals: Record<string, number>;
};

/**
 * "Select all N matching items": the ids of every selectable item the filter matches, with their
 * totals per currency, in one statement. More than one operation can take is refused rather than
 * silently cut, so the officer knows to narrow the filter.
 */
export async function getMatchingSelection(
  actor: Actor | null,
  input: { customerId: number } & StatementFilter,
): Promise<MatchingSelection> {
  assertCanRead(actor);
  const { rows } = await getDb().execute<{ currency: string; n: number | string; total: number | string; ids: number[] }>(sql`
    with matching as (
      select i.id, i.outstanding, i.currency
      from items i
      where ${filterSql(input.customerId, input)} and ${SELECTABLE}
      limit ${MAX_ITEMS_PER_OPERATION + 1}
    )
    select currency, count(*) as n, sum(outstanding) as total, array_agg(id order by id) as ids
    from matching
    group by currency`);
  const count = rows.reduce((sum, row) => sum + Number(row.n), 0);
  if (count > MAX_ITEMS_PER_OPERATION) {
    throw new DomainError("tooManyItemsToSelect", { max: MAX_ITEMS_PER_OPERATION });
  }
  const totals: Record<string, number> = {};
  const ids: number[] = [];
  for (const row of rows) {
    totals[row.currency.trim()] = Number(row.total);
    for (const id of row.ids) ids.push(Number(id));
  }
  ids.sort((a, b) => a - b);
  return { ids, count, totals };
}

export type StatusOption = { id: number; label: string; colour: string; archived: boolean };

/** Every status, archived ones last: the statement's status filter (items may keep an archived status). */
export async function listStatusOptions(actor: Actor | null): Promise<StatusOption[]> {
  assertCanRead(actor);
  const { rows } = await getDb().execute<{ id: number; label: string; colour: string; archived: boolean }>(sql`
    select id, label, colour, archived from item_statuses order by archived, sort_order, label`);
  return rows.map((row) => ({ id: Number(row.id), label: row.label, colour: row.colour, archived: Boolean(row.archived) }));
}

/** The filter part of the URL, as a stable key: a new key means a new selection. */
export function filterKey(filter: StatementFilter): string {
  return `${filter.scope}|${filter.status}`;
}
