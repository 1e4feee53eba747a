import "server-only";

import path from "node:path";

import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";

import type { Database } from "./client";

const migrationsFolder = path.resolve(/*turbopackIgnore: true*/ process.cwd(), "db/migrations");

/** Applies the drizzle-kit migrations in db/migrations; the same files run on both drivers. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.driver === "pg") {
    await migratePg(database.db, { migrationsFolder });
  } else {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
  }
}
