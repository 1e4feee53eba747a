import { closeDatabase, getDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedDemoData } from "@/db/seed";

const database = getDatabase();
await migrateDatabase(database);
await seedDemoData(database.db);
await closeDatabase();
