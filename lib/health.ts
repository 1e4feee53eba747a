import "server-only";

import { sql } from "drizzle-orm";

import { getDb } from "@/db/client";

/** True when the database answers and is migrated. */
export async function checkDatabase(): Promise<boolean> {
  try {
    await getDb().execute(sql`select 1 from organization_settings limit 1`);
    return true;
  } catch (error) {
    console.error("[health] database check failed:", (error as Error).message);
    return false;
  }
}
