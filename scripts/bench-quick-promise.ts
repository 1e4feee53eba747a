/**
 * `npm run bench:quick-promise`: p50/p95 of applyQuickPromise for 1, 100, 1,000 and 5,000 items on
 * PostgreSQL, against the floor: the same writes done by a hand-written minimal SQL transaction.
 */
import { randomUUID } from "node:crypto";

import { sql } from "drizzle-orm";
import pg from "pg";

import type { Actor } from "@/lib/authz";
import { applyQuickPromise } from "@/lib/quickPromise";

import { createBenchDatabase, percentile, timeIt } from "./benchDb";

const SIZES = [1, 100, 1_000, 5_000];
const RUNS: Record<number, number> = { 1: 60, 100: 40, 1_000: 25, 5_000: 12 };
const WARMUP = 3;

const { database, url, drop } = await createBenchDatabase("creditdesk_qpbench");
const { db } = database;
try {
  await db.execute(sql`update organization_settings set
    quick_promise_status_id = (select id from item_statuses where label = 'Promise to pay'),
    quick_promise_delay_days = 3`);
  const { rows: actorRows } = await db.execute<Actor>(
    sql`select id, email, name, role, locale from users where email = 'collector@example.com'`,
  );
  const actor = actorRows[0]!;
  const { rows: globex } = await db.execute<{ id: number; collector_id: number }>(
    sql`select id, collector_id from customers where code = 'C-1002'`,
  );
  const customerId = globex[0]!.id;
  const { rows: itemRows } = await db.execute<{ id: number }>(
    sql`select id from items where customer_id = ${customerId} and outstanding > 0 order by id`,
  );
  const allIds = itemRows.map((r) => r.id);
  const { rows: config } = await db.execute<{ status_id: number; template_id: number; channel: string; title: string }>(sql`
    select s.id as status_id, t.id as template_id, t.channel, t.title
    from item_statuses s join action_templates t on t.id = s.action_template_id where s.label = 'Promise to pay'`);
  const { status_id: statusId, template_id: templateId, channel, title } = config[0]!;

  // The floor: the minimum a correct implementation must send, on one pooled client: read the
  // configuration and the customer once, lock the items, then the writes. Named prepared
  // statements, as ours are: PostgreSQL plans each once per connection.
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const run = (client: pg.PoolClient, name: string, text: string, values: unknown[]) =>
    client.query({ name: `floor_${name}`, text, values });
  const floor = async (ids: number[]) => {
    const client = await pool.connect();
    try {
      await client.query("begin");
      await run(
        client,
        "context",
        `select c.collector_id, s.time_zone, s.quick_promise_delay_days, st.archived, t.due_offset_days
         from organization_settings s join customers c on c.id = $1
         join item_statuses st on st.id = s.quick_promise_status_id
         left join action_templates t on t.id = st.action_template_id where s.id = 1`,
        [customerId],
      );
      await run(client, "lock", "select id from items where id = any($1::int[]) and customer_id = $2 order by id for update", [ids, customerId]);
      const app = await run(
        client,
        "claim",
        `insert into quick_promise_applications (idempotency_key, request_hash, actor_id, customer_id, status_id, promise_date, item_count, totals, operation_id)
         values ($1, 'x', $2, $3, $4, current_date + 3, $5, '{}', gen_random_uuid()) returning id`,
        [randomUUID(), actor.id, customerId, statusId, ids.length],
      );
      await run(
        client,
        "apply",
        `with old as (select id, customer_id, status_id, promise_date from items where id = any($1::int[])),
         upd as (update items set status_id = $2, promise_date = current_date + 3, version = items.version + 1, updated_at = now()
                 from old where items.id = old.id returning items.id)
         insert into item_events (item_id, customer_id, actor_id, operation_id, source, old_status_id, new_status_id, old_promise_date, new_promise_date, quick_promise_application_id)
         select old.id, old.customer_id, $3, gen_random_uuid(), 'quick_promise', old.status_id, $2, old.promise_date, current_date + 3, $4 from old`,
        [ids, statusId, actor.id, app.rows[0]!.id],
      );
      const action = await run(
        client,
        "action",
        `insert into actions (customer_id, template_id, channel, title, due_date, assignee_id, creator_id)
         values ($1, $2, $3, $4, current_date + 3, $5, $5) returning id`,
        [customerId, templateId, channel, title, actor.id],
      );
      await run(client, "links", "insert into action_items (action_id, item_id) select $1, unnest($2::int[])", [action.rows[0]!.id, ids]);
      await client.query("commit");
    } catch (error) {
      await client.query("rollback");
      throw error;
    } finally {
      client.release();
    }
  };
  const ours = (ids: number[]) => applyQuickPromise({ actor, customerId, itemIds: ids, idempotencyKey: randomUUID() });

  console.log("Quick Promise on PostgreSQL (ms)      p50     p95   floor p50  floor p95   ratio p50");
  const failures: string[] = [];
  for (const size of SIZES) {
    const ids = allIds.slice(0, size);
    for (let i = 0; i < WARMUP; i++) {
      await ours(ids);
      await floor(ids);
    }
    const mine: number[] = [];
    const base: number[] = [];
    // Interleaved, so both see the same table growth and the same machine load.
    for (let i = 0; i < RUNS[size]!; i++) {
      mine.push(await timeIt(() => ours(ids)));
      base.push(await timeIt(() => floor(ids)));
    }
    const ratio = percentile(mine, 50) / percentile(base, 50);
    console.log(
      `${String(size).padStart(5)} items ${"".padEnd(22)}${percentile(mine, 50).toFixed(1).padStart(7)} ${percentile(mine, 95).toFixed(1).padStart(7)} ${percentile(base, 50).toFixed(1).padStart(10)} ${percentile(base, 95).toFixed(1).padStart(10)} ${ratio.toFixed(2).padStart(11)}`,
    );
    if (ratio > 1.5) failures.push(`${size} items: ratio ${ratio.toFixed(2)} > 1.5`);
    if (size === 1_000 && percentile(mine, 50) >= 100) failures.push(`1,000 items: p50 ${percentile(mine, 50).toFixed(1)} ms ≥ 100 ms`);
  }
  await pool.end();
  console.log(failures.length ? `Targets missed: ${failures.join("; ")}` : "Targets met: ratio ≤ 1.5 at every size, 1,000 items under 100 ms p50.");
} finally {
  await drop();
}
