import "server-only";

import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";

import { getDb } from "@/db/client";
import type { Channel, Role } from "@/db/schema";

import { assertCanAct, assertCanRead, canActOnCustomer, type Actor } from "./authz";
import { todayIn, type CalendarDate } from "./calendar";
import { DomainError, ForbiddenError, NotFoundError } from "./errors";
import { getOrganizationSettings } from "./settings";
import { optionalText, parseInput, recordId } from "./validation";

export const ACTIONS_PAGE_SIZE = 50;

export const ACTION_SCOPES = ["mine", "all"] as const;
export type ActionScope = (typeof ACTION_SCOPES)[number];
/** "overdue" is open with a due date before today (in the organisation's time zone). */
export const ACTION_STATE_FILTERS = ["open", "overdue", "done", "all"] as const;
export type ActionStateFilter = (typeof ACTION_STATE_FILTERS)[number];

export type ActionListQuery = { scope: ActionScope; state: ActionStateFilter; page: number };

/** Collectors start on their own open to-dos; everybody else on all open actions. */
export function defaultActionScope(role: Role): ActionScope {
  return role === "collector" ? "mine" : "all";
}

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/** URL search params → a valid query; anything unexpected falls back to the default. */
export function parseActionListQuery(
  params: Record<string, string | string[] | undefined>,
  defaults: { scope: ActionScope },
): ActionListQuery {
  const schema = z.object({
    scope: z.preprocess(first, z.enum(ACTION_SCOPES)).catch(defaults.scope),
    state: z.preprocess(first, z.enum(ACTION_STATE_FILTERS)).catch("open"),
    page: z.preprocess(first, z.coerce.number().int().min(1).max(1_000_000)).catch(1),
  });
  return schema.parse({ scope: params.scope, state: params.state, page: params.page });
}

export type ActionRow = {
  id: number;
  dueDate: CalendarDate;
  customer: { id: number; name: string };
  title: string;
  channel: Channel;
  assigneeName: string;
  state: "open" | "done" | "cancelled";
  /** Open and due before today. */
  overdue: boolean;
  linkedItems: number;
  /** ISO timestamp. */
  completedAt: string | null;
  completedByName: string | null;
  completionNote: string | null;
};

export type ActionListPage = {
  rows: ActionRow[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  today: CalendarDate;
};

function actionFilter(actor: Actor, input: { customerId?: number; scope: ActionScope; state: ActionStateFilter }, today: CalendarDate): SQL {
  const conditions: SQL[] = [sql`true`];
  if (input.customerId !== undefined) conditions.push(sql`a.customer_id = ${input.customerId}`);
  if (input.scope === "mine") conditions.push(sql`a.assignee_id = ${actor.id}`);
  if (input.state === "open") conditions.push(sql`a.state = 'open'`);
  else if (input.state === "overdue") conditions.push(sql`a.state = 'open' and a.due_date < ${today}::date`);
  else if (input.state === "done") conditions.push(sql`a.state = 'done'`);
  return sql.join(conditions, sql` and `);
}

const ORDER_BY: Record<ActionStateFilter, SQL> = {
  open: sql`a.due_date asc, a.id asc`,
  overdue: sql`a.due_date asc, a.id asc`,
  done: sql`a.completed_at desc nulls last, a.id desc`,
  all: sql`a.due_date desc, a.id desc`,
};

/**
 * The to-do list (all customers, or one customer's Actions tab). Index paths: Mine+Open uses
 * actions_assignee_state_due_idx, All+Open actions_state_due_idx, a customer actions_customer_idx.
 */
export async function listActions(
  actor: Actor | null,
  input: { customerId?: number } & ActionListQuery,
): Promise<ActionListPage> {
  assertCanRead(actor);
  const settings = await getOrganizationSettings();
  const today = todayIn(settings.timeZone);
  const where = actionFilter(actor, input, today);
  const pageSize = ACTIONS_PAGE_SIZE;
  const db = getDb();
  const [rowsResult, countResult] = await Promise.all([
    db.execute<{
      id: number;
      due_date: string;
      customer_id: number;
      customer_name: string;
      title: string;
      channel: Channel;
      assignee_name: string;
      state: ActionRow["state"];
      linked_items: number | string;
      completed_ms: number | null;
      completed_by_name: string | null;
      completion_note: string | null;
    }>(sql`
      select a.id, a.due_date, a.customer_id, c.name as customer_name, a.title, a.channel,
             assignee.name as assignee_name, a.state,
             (select count(*) from action_items ai where ai.action_id = a.id) as linked_items,
             (extract(epoch from a.completed_at) * 1000)::float8 as completed_ms,
             completer.name as completed_by_name, a.completion_note
      from actions a
      join customers c on c.id = a.customer_id
      join users assignee on assignee.id = a.assignee_id
      left join users completer on completer.id = a.completed_by_id
      where ${where}
      order by ${ORDER_BY[input.state]}
      limit ${pageSize} offset ${(input.page - 1) * pageSize}`),
    db.execute<{ n: number | string }>(sql`select count(*) as n from actions a where ${where}`),
  ]);
  const total = Number(countResult.rows[0]?.n ?? 0);
  return {
    rows: rowsResult.rows.map((row) => ({
      id: Number(row.id),
      dueDate: row.due_date,
      customer: { id: Number(row.customer_id), name: row.customer_name },
      title: row.title,
      channel: row.channel,
      assigneeName: row.assignee_name,
      state: row.state,
      overdue: row.state === "open" && row.due_date < today,
      linkedItems: Number(row.linked_items),
      completedAt: row.completed_ms === null ? null : new Date(Number(row.completed_ms)).toISOString(),
      completedByName: row.completed_by_name,
      completionNote: row.completion_note,
    })),
    total,
    page: input.page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    today,
  };
}

export const markActionDoneSchema = z
  .object({
    actionId: recordId,
    note: optionalText(2_000),
  })
  .strict();
export type MarkActionDoneInput = z.input<typeof markActionDoneSchema>;

export type MarkActionDoneResult = { actionId: number; customerId: number; completedAt: string };

/**
 * Marks an open action done, recording who, when and an optional note, in one transaction. The
 * customer rule of item operations applies (a collector restricted to their portfolio may still
 * close an action assigned to them).
 */
export async function markActionDone(actor: Actor | null, rawInput: unknown): Promise<MarkActionDoneResult> {
  assertCanAct(actor);
  const input = parseInput(markActionDoneSchema, rawInput);
  return getDb().transaction(async (tx) => {
    const { rows } = await tx.execute<{
      id: number;
      customer_id: number;
      state: string;
      assignee_id: number;
      collector_id: number | null;
      collectors_own_customers_only: boolean;
    }>(sql`
      select a.id, a.customer_id, a.state, a.assignee_id, c.collector_id, s.collectors_own_customers_only
      from actions a
      join customers c on c.id = a.customer_id
      join organization_settings s on s.id = 1
      where a.id = ${input.actionId}
      for update of a`);
    const row = rows[0];
    if (!row) throw new NotFoundError("actionNotFound");
    const allowed =
      Number(row.assignee_id) === actor.id ||
      canActOnCustomer(
        actor,
        { collectorId: row.collector_id === null ? null : Number(row.collector_id) },
        { collectorsOwnCustomersOnly: Boolean(row.collectors_own_customers_only) },
      );
    if (!allowed) throw new ForbiddenError("notYourCustomer");
    if (row.state !== "open") throw new DomainError("actionNotOpen");
    const { rows: updated } = await tx.execute<{ completed_ms: number }>(sql`
      update actions
      set state = 'done', completed_at = now(), completed_by_id = ${actor.id}, completion_note = ${input.note ?? null}
      where id = ${input.actionId}
      returning (extract(epoch from completed_at) * 1000)::float8 as completed_ms`);
    return {
      actionId: Number(row.id),
      customerId: Number(row.customer_id),
      completedAt: new Date(Number(updated[0]!.completed_ms)).toISOString(),
    };
  });
}
