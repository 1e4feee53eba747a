/**
 * `npm run demo`: migrate, seed an empty database, build if the sources changed, start the app
 * and print the demo sign-ins once it answers. A second run keeps the data.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { closeDatabase, getDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { DEMO_PASSWORD, DEMO_USERS, seedDemoData } from "@/db/seed";

import { buildIfNeeded, startServer, waitForHealth } from "./appServer";

const port = Number(process.env.PORT ?? 3000);
const distDir = process.env.NEXT_DIST_DIR || ".next";
const started = performance.now();

/** The demo keeps a generated secret in .data/ so sessions survive restarts; production must set AUTH_SECRET. */
function ensureAuthSecret(): void {
  if (process.env.AUTH_SECRET) return;
  const file = path.join(process.cwd(), ".data", "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  process.env.AUTH_SECRET = readFileSync(file, "utf8").trim();
}

ensureAuthSecret();
const database = getDatabase();
await migrateDatabase(database);
const seed = await seedDemoData(database.db);
await closeDatabase();
console.log(seed.seeded ? `Seeded the demo data: ${seed.customers} customers, ${seed.items} items.` : "Keeping the existing data.");

buildIfNeeded(distDir);
startServer({ port, distDir, env: process.env });

if (await waitForHealth(`http://127.0.0.1:${port}/api/health`, 60_000)) {
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`\nCredit Desk is ready on http://localhost:${port} (${seconds} s). Demo sign-ins, password "${DEMO_PASSWORD}":`);
  for (const user of DEMO_USERS) console.log(`  ${user.role.padEnd(9)} ${user.email}`);
} else {
  console.error("The app did not become healthy within 60 s; see the log above.");
}
