/** A throw-away PostgreSQL database for a benchmark: created, migrated and seeded, then dropped. */
import { randomBytes } from "node:crypto";

import pg from "pg";

import { openDatabase, setDatabase, type Database } from "@/db/client";
import { withDatabase } from "@/db/databaseUrl";
import { migrateDatabase } from "@/db/migrate";
import { seedDemoData } from "@/db/seed";

export async function createBenchDatabase(prefix: string): Promise<{ database: Database; url: string; drop: () => Promise<void> }> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = withDatabase(serverUrl, name);
  const database = openDatabase({ url, poolMax: 20 });
  await migrateDatabase(database);
  await seedDemoData(database.db);
  setDatabase(database);
  return {
    database,
    url,
    drop: async () => {
      setDatabase(undefined);
      await database.close();
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}

/** The nearest-rank percentile: the smallest sample at or above p % of them. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}
