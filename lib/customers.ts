import "server-only";

import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";

import { getDb } from "@/db/client";
import type { Role } from "@/db/schema";

import { assertCanRead, type Actor } from "./authz";
import { todayIn, type CalendarDate } from "./calendar";
import { getOrganizationSettings } from "./settings";
import { MAX_RECORD_ID } from "./validation";

export const CUSTOMERS_PAGE_SIZE = 50;

export const CUSTOMER_SORTS = ["outstanding", "overdue", "name"] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];
/**
 * Name first: that order comes from an index and only the page's customers' items are summed
 * (~10 ms at 50,000 customers / 500,000 items). Ordering by an amount has to sum every matching
 * customer's open items first (hundreds of ms at that size; see scripts/bench.ts).
 */
export const DEFAULT_CUSTOMER_SORT: CustomerSort = "name";
export const CUSTOMER_SCOPES = ["mine", "all"] as const;
export type CustomerScope = (typeof CUSTOMER_SCOPES)[number];

export type CustomerListQuery = {
  search: string;
  sort: CustomerSort;
  scope: CustomerScope;
  page: number;
};

/** Collectors start on their own portfolio; everybody else on the whole ledger. */
export function defaultCustomerScope(role: Role): CustomerScope {
  return role === "collector" ? "mine" : "all";
}

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/** URL search params → a valid query; anything unexpected falls back to the default. */
export function parseCustomerListQuery(params: Record<string, string | string[] | undefined>, role: Role): CustomerListQuery {
  const schema = z.object({
    q: z.preprocess(first, z.string().trim().max(100)).catch(""),
    sort: z.preprocess(first, z.enum(CUSTOMER_SORTS)).catch(DEFAULT_CUSTOMER_SORT),
    scope: z.preprocess(first, z.enum(CUSTOMER_SCOPES)).catch(defaultCustomerScope(role)),
    page: z.preprocess(first, z.coerce.number().int().min(1).max(1_000_000)).catch(1),
  });
  const parsed = schema.parse({ q: params.q ?? "", sort: params.sort, scope: params.scope, page: params.page });
  return { search: parsed.q, sort: parsed.sort, scope: parsed.scope, page: parsed.page };
}

export type CustomerListRow = {
  id: number;
  code: string;
  name: string;
  collectorName: string | null;
  currency: string;
  /** Minor units of the customer's currency: all open items, credits included. */
  outstanding: number;
  /** Open debit items past their due date. */
  overdue: number;
  openItems: number;
  /** Days since the oldest overdue due date; null when nothing is overdue. */
  oldestOverdueDays: number | null;
};

export type CustomerListPage = {
  rows: CustomerListRow[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
};

/** `%`, `_` and `\` typed by the user are searched for literally. */
export function likePattern(search: string): string {
  return `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function customerFilter(actor: Actor, query: { search: string; scope: CustomerScope }): SQL {
  const conditions: SQL[] = [sql`true`];
  if (query.scope === "mine") conditions.push(sql`c.collector_id = ${actor.id}`);
  if (query.search) {
    const pattern = likePattern(query.search);
    conditions.push(sql`(lower(c.name) like ${pattern} or lower(c.code) like ${pattern})`);
  }
  return sql.join(conditions, sql` and `);
}

type RawCustomerRow = {
  id: number;
  code: string;
  name: string;
  collector_name: string | null;
  currency: string;
  outstanding: string | number | null;
  overdue: string | number | null;
  open_items: string | number | null;
  oldest_overdue_days: string | number | null;
};

function toCustomerRow(row: RawCustomerRow): CustomerListRow {
  return {
    id: Number(row.id),
    code: row.code,
    name: row.name,
    collectorName: row.collector_name,
    currency: row.currency.trim(),
    outstanding: Number(row.outstanding ?? 0),
    overdue: Number(row.overdue ?? 0),
    openItems: Number(row.open_items ?? 0),
    oldestOverdueDays: row.oldest_overdue_days === null ? null : Number(row.oldest_overdue_days),
  };
}

/**
 * Per-customer figures over its open items (in the customer's currency), shared by the query shapes.
 */
function openItemAggregates(today: CalendarDate): SQL {
  return sql`
    sum(i.outstanding) as outstanding,
    sum(i.outstanding) filter (where i.outstanding > 0 and i.due_date < ${today}::date) as overdue,
    count(*) as open_items,
    ${today}::date - min(i.due_date) filter (where i.outstanding > 0 and i.due_date < ${today}::date) as oldest_overdue_days`;
}

/**
 * Three shapes, one statement each, chosen by what the order needs:
 * - by name: the page is picked from the customers first (index order) and only its 50 customers'
 *   open items are summed (lateral join on items_customer_open_idx);
 * - by an amount with a search term: the (few) matching customers' open items are summed the same
 *   way, then ordered;
 * - by an amount over a whole portfolio: every open item is summed in one grouped pass joined to
 *   the customers (cheaper than 50,000 lateral lookups, still a full pass: see scripts/bench.ts).
 */
async function selectCustomerRows(input: {
  filter: SQL;
  sort: CustomerSort;
  narrow: boolean;
  today: CalendarDate;
  limit: number;
  offset: number;
}): Promise<CustomerListRow[]> {
  const { filter, sort, narrow, today, limit, offset } = input;
  const db = getDb();
  const perCustomer = sql`
    left join lateral (
      select ${openItemAggregates(today)}
      from items i
      where i.customer_id = c.id and i.outstanding <> 0 and i.currency = c.currency
    ) a on true`;
  if (sort === "name") {
    const { rows } = await db.execute<RawCustomerRow>(sql`
      select c.id, c.code, c.name, u.name as collector_name, c.currency,
             a.outstanding, a.overdue, a.open_items, a.oldest_overdue_days
      from (
        select c.id, c.code, c.name, c.collector_id, c.currency
        from customers c
        where ${filter}
        order by lower(c.name), c.id
        limit ${limit} offset ${offset}
      ) c
      left join users u on u.id = c.collector_id
      ${perCustomer}
      order by lower(c.name), c.id`);
    return rows.map(toCustomerRow);
  }
  const orderBy =
    sort === "overdue"
      ? sql`coalesce(a.overdue, 0) desc, coalesce(a.outstanding, 0) desc, lower(c.name), c.id`
      : sql`coalesce(a.outstanding, 0) desc, lower(c.name), c.id`;
  const aggregates = narrow
    ? perCustomer
    : sql`
      left join (
        select i.customer_id, i.currency, ${openItemAggregates(today)}
        from items i
        where i.outstanding <> 0
        group by i.customer_id, i.currency
      ) a on a.customer_id = c.id and a.currency = c.currency`;
  const { rows } = await db.execute<RawCustomerRow>(sql`
    select c.id, c.code, c.name, u.name as collector_name, c.currency,
           a.outstanding, a.overdue, a.open_items, a.oldest_overdue_days
    from customers c
    ${aggregates}
    left join users u on u.id = c.collector_id
    where ${filter}
    order by ${orderBy}
    limit ${limit} offset ${offset}`);
  return rows.map(toCustomerRow);
}

async function countCustomers(filter: SQL): Promise<number> {
  const { rows } = await getDb().execute<{ n: string | number }>(sql`select count(*) as n from customers c where ${filter}`);
  return Number(rows[0]?.n ?? 0);
}

/** The customers page: one page of customers with their open-item figures, and the match count. */
export async function listCustomers(actor: Actor | null, query: CustomerListQuery): Promise<CustomerListPage> {
  assertCanRead(actor);
  const settings = await getOrganizationSettings();
  const today = todayIn(settings.timeZone);
  const filter = customerFilter(actor, query);
  const pageSize = CUSTOMERS_PAGE_SIZE;
  const [rows, total] = await Promise.all([
    selectCustomerRows({
      filter,
      sort: query.sort,
      narrow: query.search !== "",
      today,
      limit: pageSize,
      offset: (query.page - 1) * pageSize,
    }),
    countCustomers(filter),
  ]);
  return { rows, total, page: query.page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

export type CustomerFile = {
  id: number;
  code: string;
  name: string;
  currency: string;
  collector: { id: number; name: string } | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  /** Per currency, minor units. */
  outstanding: Record<string, number>;
  overdue: Record<string, number>;
  notYetDue: Record<string, number>;
  /** Credit notes and payments not yet allocated (negative). */
  unappliedCredits: Record<string, number>;
  /** Outstanding of open items whose promise date is today or later. */
  promised: Record<string, number>;
  openItems: number;
  nextPromiseDate: CalendarDate | null;
  today: CalendarDate;
};

/** The customer file's header and summary; null when the customer does not exist. */
export async function getCustomerFile(actor: Actor | null, { customerId }: { customerId: number }): Promise<CustomerFile | null> {
  assertCanRead(actor);
  const db = getDb();
  const settings = await getOrganizationSettings();
  const today = todayIn(settings.timeZone);
  const [customerResult, totalsResult] = await Promise.all([
    db.execute<{
      id: number;
      code: string;
      name: string;
      currency: string;
      contact_name: string | null;
      contact_email: string | null;
      contact_phone: string | null;
      collector_id: number | null;
      collector_name: string | null;
    }>(sql`
      select c.id, c.code, c.name, c.currency, c.contact_name, c.contact_email, c.contact_phone,
             c.collector_id, u.name as collector_name
      from customers c
      left join users u on u.id = c.collector_id
      where c.id = ${customerId}`),
    db.execute<{
      currency: string;
      outstanding: string | number;
      overdue: string | number | null;
      not_yet_due: string | number | null;
      credits: string | number | null;
      promised: string | number | null;
      open_items: string | number;
      next_promise_date: string | null;
    }>(sql`
      select i.currency,
             sum(i.outstanding) as outstanding,
             sum(i.outstanding) filter (where i.outstanding > 0 and i.due_date < ${today}::date) as overdue,
             sum(i.outstanding) filter (where i.outstanding > 0 and i.due_date >= ${today}::date) as not_yet_due,
             sum(i.outstanding) filter (where i.outstanding < 0) as credits,
             sum(i.outstanding) filter (where i.outstanding > 0 and i.promise_date >= ${today}::date) as promised,
             count(*) as open_items,
             min(i.promise_date) filter (where i.outstanding > 0 and i.promise_date >= ${today}::date) as next_promise_date
      from items i
      where i.customer_id = ${customerId} and i.outstanding <> 0
      group by i.currency`),
  ]);
  const customer = customerResult.rows[0];
  if (!customer) return null;

  const file: CustomerFile = {
    id: Number(customer.id),
    code: customer.code,
    name: customer.name,
    currency: customer.currency.trim(),
    collector:
      customer.collector_id === null ? null : { id: Number(customer.collector_id), name: customer.collector_name ?? "" },
    contactName: customer.contact_name,
    contactEmail: customer.contact_email,
    contactPhone: customer.contact_phone,
    outstanding: {},
    overdue: {},
    notYetDue: {},
    unappliedCredits: {},
    promised: {},
    openItems: 0,
    nextPromiseDate: null,
    today,
  };
  for (const row of totalsResult.rows) {
    const currency = row.currency.trim();
    file.outstanding[currency] = Number(row.outstanding);
    file.overdue[currency] = Number(row.overdue ?? 0);
    file.notYetDue[currency] = Number(row.not_yet_due ?? 0);
    file.unappliedCredits[currency] = Number(row.credits ?? 0);
    file.promised[currency] = Number(row.promised ?? 0);
    file.openItems += Number(row.open_items);
    if (row.next_promise_date && (!file.nextPromiseDate || row.next_promise_date < file.nextPromiseDate)) {
      file.nextPromiseDate = row.next_promise_date;
    }
  }
  return file;
}

/** A route segment → a customer id, or null for anything that cannot be one (the page shows 404). */
export function parseCustomerId(segment: string): number | null {
  if (!/^[1-9]\d{0,9}$/.test(segment)) return null;
  const id = Number(segment);
  return id <= MAX_RECORD_ID ? id : null;
}
