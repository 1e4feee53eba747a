import { randomBytes } from "node:crypto";

import { PGlite } from "@electric-sql/pglite";
import type { Logger } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";

import { openDatabase, setDatabase, type Database } from "@/db/client";
import { withDatabase } from "@/db/databaseUrl";
import { migrateDatabase } from "@/db/migrate";
import { seedDemoData } from "@/db/seed";

export const testDriver = (process.env.TEST_DRIVER ?? "pglite") as "pglite" | "pg";

let pgliteTemplate: Promise<PGlite> | undefined;

/** A migrated, seeded in-memory PGlite, made once per worker and cloned per database. */
function migratedPglite(): Promise<PGlite> {
  pgliteTemplate ??= (async () => {
    const client = new PGlite();
    const database = openDatabase({ pglite: client });
    await migrateDatabase(database);
    await seedDemoData(database.db);
    return client;
  })();
  return pgliteTemplate;
}

export type TestDatabase = Database & { name: string };

/** A fresh database holding the demo data, on the driver this project runs (PGlite or PostgreSQL). */
export async function createTestDatabase(options: { logger?: Logger } = {}): Promise<TestDatabase> {
  if (testDriver === "pglite") {
    const clone = (await (await migratedPglite()).clone()) as PGlite;
    const database = openDatabase({ pglite: clone, logger: options.logger });
    return { ...database, name: "pglite" };
  }
  const templateUrl = inject("pgTemplateUrl");
  const template = new URL(templateUrl).pathname.slice(1);
  const name = `${template.replace(/_template$/, "")}_${randomBytes(4).toString("hex")}`;
  const maintenanceUrl = withDatabase(templateUrl, "postgres");
  const admin = new pg.Client({ connectionString: maintenanceUrl });
  await admin.connect();
  await admin.query(`create database "${name}" template "${template}"`);
  await admin.end();
  const database = openDatabase({ url: withDatabase(templateUrl, name), logger: options.logger, poolMax: 25 });
  return {
    ...database,
    name,
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: maintenanceUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  };
}

/** Gives the file its own database, installed as the app's database for lib functions. */
export function useTestDatabase(): () => TestDatabase {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    setDatabase(database);
  });
  afterAll(async () => {
    setDatabase(undefined);
    await database?.close();
  });
  return () => {
    if (!database) throw new Error("The test database is not ready yet (use it inside tests or hooks).");
    return database;
  };
}
