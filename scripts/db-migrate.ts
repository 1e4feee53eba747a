import { closeDatabase, getDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";

const started = performance.now();
const database = getDatabase();
await migrateDatabase(database);
await closeDatabase();
console.log(`Database migrated (${database.driver}) in ${Math.round(performance.now() - started)} ms.`);
