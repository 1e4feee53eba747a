/**
 * `npm run bench`: server time of the customer-file queries at scale, on a throw-away PostgreSQL
 * database (BENCH_DATABASE_URL, default the local server): the demo data plus 50,000 customers and
 * 500,000 items inserted in bulk. Calls the lib functions directly, as the pages do, with an admin.
 * Not part of `npm test`: it takes about a minute and needs a PostgreSQL server. BENCH_KEEP=1 keeps
 * the database afterwards (to EXPLAIN a query); BENCH_RUNS changes the number of timed runs.
 */
import { randomBytes } from "node:crypto";

import { sql } from "drizzle-orm";
import pg from "pg";

import { openDatabase, setDatabase, type Database } from "@/db/client";
import { withDatabase } from "@/db/databaseUrl";
import { migrateDatabase } from "@/db/migrate";
import { seedDemoData } from "@/db/seed";
import type { Actor } from "@/lib/authz";
import { getCustomerFile, listCustomers } from "@/lib/customers";
import { listActions } from "@/lib/followUps";
import { getCustomerHistory } from "@/lib/history";
import { getMatchingSelection, getStatementPage } from "@/lib/statement";

import { percentile, timeIt } from "./benchDb";

const BIG_CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 50_000);
const ITEMS_PER_CUSTOMER = Number(process.env.BENCH_ITEMS_PER_CUSTOMER ?? 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARM_UP = 3;

const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = `creditdesk_bench_${randomBytes(4).toString("hex")}`;

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  console.log(`  ${label}: ${Math.round(performance.now() - started)} ms`);
  return result;
}

/** 50,000 customers (a third in the demo collector's portfolio) and ten items each, set-based. */
async function insertLargeDataSet(database: Database): Promise<void> {
  const { db } = database;
  await db.execute(sql`
    insert into customers (code, name, collector_id, currency, contact_email)
    select 'B-' || lpad(g::text, 6, '0'),
           (array['Northwind', 'Contoso', 'Fabrikam', 'Tailspin', 'Woodgrove', 'Litware', 'Adatum', 'Proseware',
                  'Lucerne', 'Fourth Coffee', 'Alpine Ski', 'Coho Winery', 'Wingtip', 'Trey Research', 'Humongous'])[1 + g % 15]
             || ' ' || (array['Ltd', 'SA', 'GmbH', 'Inc.', 'SARL', 'Group', 'Logistics', 'Foods', 'Systems', 'Retail'])[1 + (g / 15) % 10]
             || ' ' || g,
           case when g % 3 = 0 then (select id from users where email = 'collector@example.com') end,
           'EUR',
           'ar' || g || '@bench.example'
    from generate_series(1, ${BIG_CUSTOMERS}) as g`);
  await db.execute(sql`
    insert into items (customer_id, type, document_number, document_date, due_date, amount, outstanding, currency, status_id, promise_date)
    select c.id,
           case when n = ${ITEMS_PER_CUSTOMER} then 'credit_note' else 'invoice' end::item_type,
           'B' || c.id || '-' || n,
           r.due - 30,
           r.due,
           case when n = ${ITEMS_PER_CUSTOMER} then -r.amount else r.amount end,
           case when n = ${ITEMS_PER_CUSTOMER} then -r.amount when r.paid then 0 else r.amount end,
           'EUR',
           case when r.qualified then (select id from item_statuses order by sort_order offset (c.id % 5) limit 1) end,
           case when r.qualified and c.id % 5 = 0 then current_date + (c.id % 20) end
    from customers c
    cross join generate_series(1, ${ITEMS_PER_CUSTOMER}) as n
    cross join lateral (
      -- Referencing both sides makes PostgreSQL draw new random numbers for every row.
      select current_date + ((random() * 420)::int - 360 + 0 * n + 0 * c.id) as due,
             (1000 + (random() * 2000000)::int)::bigint as amount,
             random() < 0.25 as paid,
             random() < 0.1 as qualified
    ) r
    where c.code like 'B-%'`);
  await db.execute(sql`analyze`);
}

async function measure(label: string, run: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < WARM_UP; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await timeIt(run));
  const fmt = (ms: number) => `${ms.toFixed(1).padStart(7)} ms`;
  console.log(`${label.padEnd(58)} p50 ${fmt(percentile(times, 50))}   p95 ${fmt(percentile(times, 95))}`);
}

await admin(`create database "${name}"`);
let database: Database | undefined;
try {
  console.log(`Bench database ${name} on ${new URL(serverUrl).host}`);
  database = openDatabase({ url: withDatabase(serverUrl, name), poolMax: 4 });
  await timed("migrate", () => migrateDatabase(database!));
  await timed("demo seed", () => seedDemoData(database!.db));
  await timed(`bulk insert ${BIG_CUSTOMERS} customers, ${BIG_CUSTOMERS * ITEMS_PER_CUSTOMER} items`, () =>
    insertLargeDataSet(database!),
  );
  setDatabase(database);

  const { rows: counts } = await database.db.execute<{ customers: string; items: string }>(
    sql`select (select count(*) from customers) as customers, (select count(*) from items) as items`,
  );
  console.log(`  database holds ${counts[0]!.customers} customers and ${counts[0]!.items} items`);

  const { rows: people } = await database.db.execute<{ id: number; email: string; name: string; role: Actor["role"] }>(
    sql`select id, email, name, role from users where email in ('admin@example.com', 'collector@example.com')`,
  );
  const actorOf = (email: string): Actor => ({ ...people.find((p) => p.email === email)!, locale: null });
  const adminActor = actorOf("admin@example.com");
  const collectorActor = actorOf("collector@example.com");
  const { rows: globexRows } = await database.db.execute<{ id: number }>(sql`select id from customers where code = 'C-1002'`);
  const globexId = Number(globexRows[0]!.id);

  // Some history and follow-ups on Globex so those pages have something to group.
  const { changeItemStatus, listActiveStatuses } = await import("@/lib/itemStatus");
  const [promise] = await listActiveStatuses(adminActor);
  const matching = await getMatchingSelection(adminActor, { customerId: globexId, scope: "open", status: "any" });
  for (let i = 0; i < 20; i++) {
    await changeItemStatus(adminActor, {
      customerId: globexId,
      itemIds: matching.ids.slice(i * 50, i * 50 + 50),
      statusId: promise!.id,
      comment: `bench ${i}`,
    });
  }
  await changeItemStatus(adminActor, { customerId: globexId, itemIds: matching.ids, statusId: promise!.id });

  console.log(`\nServer time per call (${RUNS} runs after ${WARM_UP} warm-up runs, admin unless noted):`);
  const base = { search: "", scope: "all", page: 1 } as const;
  await measure("customers page 1, default sort (name)", () => listCustomers(adminActor, { ...base, sort: "name" }));
  await measure("customers page 500, default sort (name)", () => listCustomers(adminActor, { ...base, page: 500, sort: "name" }));
  await measure("customers, collector's 'My customers', default sort", () =>
    listCustomers(collectorActor, { ...base, scope: "mine", sort: "name" }),
  );
  await measure("customers, search 'contoso', default sort", () =>
    listCustomers(adminActor, { ...base, search: "contoso", sort: "name" }),
  );
  await measure("customers page 1, sort by outstanding", () => listCustomers(adminActor, { ...base, sort: "outstanding" }));
  await measure("customers page 1, sort by overdue", () => listCustomers(adminActor, { ...base, sort: "overdue" }));
  await measure("customers, collector's 'My customers', sort by outstanding", () =>
    listCustomers(collectorActor, { ...base, scope: "mine", sort: "outstanding" }),
  );
  await measure("customers, search 'contoso', sort by outstanding", () =>
    listCustomers(adminActor, { ...base, search: "contoso", sort: "outstanding" }),
  );
  await measure("Globex customer file summary", () => getCustomerFile(adminActor, { customerId: globexId }));
  await measure("Globex statement page 1 (open items, due date)", () =>
    getStatementPage(adminActor, { customerId: globexId, scope: "open", status: "any", sort: "due_asc", page: 1 }),
  );
  await measure("Globex statement page 50 (open items, due date)", () =>
    getStatementPage(adminActor, { customerId: globexId, scope: "open", status: "any", sort: "due_asc", page: 50 }),
  );
  await measure("Globex statement page 1 (sort by amount)", () =>
    getStatementPage(adminActor, { customerId: globexId, scope: "open", status: "any", sort: "amount_desc", page: 1 }),
  );
  await measure("Globex select all matching (5,000 ids + totals)", () =>
    getMatchingSelection(adminActor, { customerId: globexId, scope: "open", status: "any" }),
  );
  await measure("Globex history page 1", () => getCustomerHistory(adminActor, { customerId: globexId, page: 1 }));
  await measure("actions, all open, page 1", () =>
    listActions(adminActor, { scope: "all", state: "open", page: 1 }),
  );
} finally {
  setDatabase(undefined);
  await database?.close();
  if (process.env.BENCH_KEEP) {
    console.log(`\nKept ${name} (BENCH_KEEP): drop it with  drop database "${name}"`);
  } else {
    await admin(`drop database if exists "${name}" with (force)`);
    console.log(`\nDropped ${name}.`);
  }
}
