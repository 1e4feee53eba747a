/**
 * The app as the end-to-end tests see it: the real production build, on a fresh embedded
 * database seeded with the demo data (or on E2E_DATABASE_URL), on its own port and build folder.
 */
import { rmSync } from "node:fs";

import { closeDatabase, getDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedDemoData } from "@/db/seed";

import { buildIfNeeded, startServer } from "./appServer";

const port = Number(process.env.E2E_PORT ?? 3210);
// Its own folder (per port when not the default one), so that two suites, or a suite and the demo,
// never build into one folder.
const distDir = port === 3210 ? ".next-e2e" : `.next-e2e-${port}`;
const dataDir = `.data/e2e-${port}`;

if (process.env.E2E_DATABASE_URL) {
  process.env.DATABASE_URL = process.env.E2E_DATABASE_URL;
} else {
  rmSync(dataDir, { recursive: true, force: true });
  process.env.DATABASE_DIR = dataDir;
}
process.env.AUTH_SECRET ??= "e2e-secret-e2e-secret-e2e-secret-e2e-secret";

const database = getDatabase();
await migrateDatabase(database);
await seedDemoData(database.db);
await closeDatabase();

buildIfNeeded(distDir);
startServer({
  port,
  distDir,
  env: process.env,
  onExit: () => {
    if (!process.env.E2E_DATABASE_URL) rmSync(dataDir, { recursive: true, force: true });
  },
});
