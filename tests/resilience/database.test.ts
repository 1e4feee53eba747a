import { randomUUID } from "node:crypto";

import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { openDatabase, setDatabase, type Database } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedDemoData } from "@/db/seed";
import type { Actor } from "@/lib/authz";
import { DomainError } from "@/lib/errors";
import { changeItemStatus } from "@/lib/itemStatus";
import { applyQuickPromise } from "@/lib/quickPromise";
import { describeError } from "@/lib/serverAction";

import { actorFor } from "../helpers/actors";
import { configureQuickPromise, customerByCode, openInvoices, statusByLabel } from "../helpers/demo";

import { startPrivatePostgres, type PrivatePostgres } from "./pgServer";

// describeError speaks the officer's language through next-intl: give it the English catalogue.
vi.mock("next-intl/server", async () => {
  const { createTranslator } = await import("next-intl");
  const { default: messages } = await import("@/messages/en.json");
  return { getTranslations: async (namespace: string) => createTranslator({ locale: "en", messages, namespace: namespace as "errors" }) };
});
vi.mock("@/lib/auth", () => ({ auth: async () => null, signIn: async () => undefined, signOut: async () => undefined }));

const DATABASE_UNAVAILABLE = "The database is not answering. Nothing was changed; please try again in a few seconds.";

let server: PrivatePostgres;
let database: Database;
let collector: Actor;
let acmeId: number;
let itemIds: number[];
let promiseStatusId: number;
let disputeStatusId: number;
let templateId: number;
const uncaught: unknown[] = [];
const onUncaught = (error: unknown) => uncaught.push(error);

beforeAll(async () => {
  process.on("uncaughtException", onUncaught);
  process.on("unhandledRejection", onUncaught);
  server = await startPrivatePostgres(55432);
  database = openDatabase({ url: server.url, poolMax: 5 });
  await migrateDatabase(database);
  await seedDemoData(database.db);
  setDatabase(database);
  const { db } = database;
  collector = await actorFor(db, "collector");
  acmeId = (await customerByCode(db, "C-1001")).id;
  itemIds = (await openInvoices(db, acmeId, 6)).map((item) => item.id);
  const promise = await statusByLabel(db, "Promise to pay");
  promiseStatusId = promise.id;
  templateId = promise.actionTemplateId!;
  disputeStatusId = (await statusByLabel(db, "Dispute – price")).id;
  await configureQuickPromise(db, "Promise to pay", 2);
}, 300_000);

afterAll(async () => {
  setDatabase(undefined);
  // Bounded: a leaked connection would make pool.end() wait for ever (the tests above catch that).
  await Promise.race([database?.close().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 10_000))]);
  server?.destroy();
  process.off("uncaughtException", onUncaught);
  process.off("unhandledRejection", onUncaught);
});

/** No connection may stay checked out after a failure: a leak per failure would exhaust the pool. */
async function expectNoLeakedConnections() {
  const pool = (database.db as unknown as { $client: { totalCount: number; idleCount: number } }).$client;
  await expect.poll(() => pool.totalCount - pool.idleCount, { timeout: 5_000 }).toBe(0);
}

/** What must hold whatever failed: no half-written operation anywhere. */
async function expectNoPartialWrites() {
  const { rows } = await database.db.execute<Record<string, number>>(sql`
    select
      (select count(*) from items i
        where i.version <> (select count(*) from item_events e where e.item_id = i.id))::int as items_out_of_step,
      (select count(*) from actions a
        where not exists (select 1 from action_items ai where ai.action_id = a.id))::int as actions_without_items,
      (select count(*) from quick_promise_applications q
        where not exists (select 1 from item_events e where e.quick_promise_application_id = q.id))::int as applications_without_events,
      (select count(*) from quick_promise_applications q
        where q.action_id is null and exists (
          select 1 from item_statuses s where s.id = q.status_id and s.action_template_id is not null))::int as applications_without_action`);
  expect(rows[0]).toEqual({ items_out_of_step: 0, actions_without_items: 0, applications_without_events: 0, applications_without_action: 0 });
}

async function counts() {
  const { rows } = await database.db.execute<Record<string, number>>(sql`
    select (select count(*) from item_events)::int as events, (select count(*) from actions)::int as actions,
           (select count(*) from quick_promise_applications)::int as applications,
           (select coalesce(sum(version), 0) from items)::int as versions`);
  return rows[0]!;
}

/** Holds a row lock the operation will need at its last write, then kills the operation's backend while it waits. */
async function killWhileWaiting(run: () => Promise<unknown>): Promise<unknown> {
  const holder = new pg.Client({ connectionString: server.url });
  await holder.connect();
  try {
    await holder.query("begin");
    // The follow-up action's foreign key to its template needs a KEY SHARE lock on this row:
    // FOR UPDATE makes the operation wait there, after its item updates and history rows.
    await holder.query("select id from action_templates where id = $1 for update", [templateId]);
    const pending = run().then(
      () => null,
      (error: unknown) => error,
    );
    let victim: number | undefined;
    for (let i = 0; i < 100 && victim === undefined; i++) {
      // Asked outside the holder's transaction: pg_stat_activity is a snapshot within one.
      const { rows } = await database.db.execute<{ pid: number }>(
        sql`select pid from pg_stat_activity
         where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'
           and query ilike '%insert into%actions%'`,
      );
      victim = rows[0]?.pid;
      if (victim === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(victim, "the operation reached its last write and waits on the lock").toBeDefined();
    // Mid-way indeed: its transaction has already written items and history rows (uncommitted).
    const { rows: written } = await database.db.execute<{ n: number }>(sql`
      select count(*)::int as n from pg_locks
      where pid = ${victim} and mode = 'RowExclusiveLock' and relation in ('items'::regclass, 'item_events'::regclass)`);
    expect(written[0]?.n).toBe(2);
    const { rows: killed } = await holder.query<{ ok: boolean }>("select pg_terminate_backend($1) as ok", [victim]);
    expect(killed[0]?.ok).toBe(true);
    return await pending;
  } finally {
    await holder.query("rollback").catch(() => {});
    await holder.end();
  }
}

describe("a transaction whose backend is killed mid-way", () => {
  it("Change status fails with a clear error, writes nothing, and the next call works", async () => {
    const before = await counts();
    const error = await killWhileWaiting(() =>
      changeItemStatus(collector, { customerId: acmeId, itemIds: itemIds.slice(0, 3), statusId: promiseStatusId }),
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(DomainError);
    expect(await describeError(error)).toEqual({ error: DATABASE_UNAVAILABLE });
    expect(await counts()).toEqual(before);
    await expectNoPartialWrites();

    // The pool dropped the dead connection: the same operation now goes through.
    const result = await changeItemStatus(collector, { customerId: acmeId, itemIds: itemIds.slice(0, 3), statusId: promiseStatusId });
    expect(result.count).toBe(3);
    await expectNoPartialWrites();
    await expectNoLeakedConnections();
    expect(uncaught).toEqual([]);
  });

  it("Quick Promise fails with a clear error, records no application, and a retry with the same key applies once", async () => {
    const key = randomUUID();
    const before = await counts();
    const input = { actor: collector, customerId: acmeId, itemIds: itemIds.slice(3, 6), idempotencyKey: key };
    const error = await killWhileWaiting(() => applyQuickPromise(input));
    expect(await describeError(error)).toEqual({ error: DATABASE_UNAVAILABLE });
    expect(await counts()).toEqual(before);
    await expectNoPartialWrites();

    const retried = await applyQuickPromise(input);
    expect(retried).toMatchObject({ count: 3, replayed: false });
    expect((await applyQuickPromise(input)).replayed).toBe(true);
    await expectNoPartialWrites();
    await expectNoLeakedConnections();
    expect(uncaught).toEqual([]);
  });
});

describe("a server restart during a run of operations", () => {
  it("calls fail with clear errors while it is down, service resumes by itself within 10 s, nothing is half-written", async () => {
    const outcomes: { at: number; ok: boolean; message?: string }[] = [];
    let stop = false;
    let flip = false;
    const worker = (async () => {
      while (!stop) {
        flip = !flip;
        const at = Date.now();
        try {
          await changeItemStatus(collector, {
            customerId: acmeId,
            itemIds,
            statusId: flip ? disputeStatusId : promiseStatusId,
            comment: "restart drill",
          });
          outcomes.push({ at, ok: true });
        } catch (error) {
          outcomes.push({ at, ok: false, message: (await describeError(error)).error });
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();

    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const restartStarted = Date.now();
    server.restart();
    const restarted = Date.now();
    // Keep going until a call succeeds after the restart (or give up after 10 s).
    const deadline = restarted + 10_000;
    while (Date.now() < deadline && !outcomes.some((o) => o.ok && o.at >= restarted)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    stop = true;
    await worker;

    const beforeRestart = outcomes.filter((o) => o.at < restartStarted);
    const failures = outcomes.filter((o) => !o.ok);
    const recovered = outcomes.find((o) => o.ok && o.at >= restarted);
    expect(beforeRestart.some((o) => o.ok), "calls worked before the restart").toBe(true);
    expect(failures.length, "some calls failed while the server was down").toBeGreaterThan(0);
    for (const failure of failures) expect(failure.message).toBe(DATABASE_UNAVAILABLE);
    expect(recovered, "a call succeeded after the restart").toBeDefined();
    expect(recovered!.at - restarted).toBeLessThan(10_000);
    await expectNoPartialWrites();
    await expectNoLeakedConnections();
    expect(uncaught).toEqual([]);
  });
});

describe("describeError", () => {
  it("maps connection failures to the database-unavailable message and anything else to the generic one", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    for (const error of [
      Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }),
      Object.assign(new Error("the database system is shutting down"), { code: "57P03" }),
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
      new Error("Failed query: update items …", { cause: new Error("Connection terminated unexpectedly") }),
      new Error("timeout exceeded when trying to connect"),
    ]) {
      expect(await describeError(error), String(error)).toEqual({ error: DATABASE_UNAVAILABLE });
    }
    expect(await describeError(new Error("something else"))).toEqual({
      error: "Something went wrong on our side and nothing was changed. Please try again.",
    });
    errors.mockRestore();
  });
});
