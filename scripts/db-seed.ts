import { closeDatabase, getDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedDemoData } from "@/db/seed";

const started = performance.now();
const database = getDatabase();
await migrateDatabase(database);
const result = await seedDemoData(database.db);
await closeDatabase();
const ms = Math.round(performance.now() - started);
console.log(
  result.seeded
    ? `Demo data seeded (${database.driver}): ${result.customers} customers, ${result.items} items in ${ms} ms.`
    : "The database already holds data: seed skipped.",
);
