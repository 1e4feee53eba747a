import { randomBytes } from "node:crypto";

import pg from "pg";
import type { TestProject } from "vitest/node";

import { withDatabase } from "@/db/databaseUrl";

declare module "vitest" {
  export interface ProvidedContext {
    pgTemplateUrl: string;
  }
}

/**
 * On PostgreSQL: one migrated and seeded template database per run; each test file then gets
 * its own copy (CREATE DATABASE … TEMPLATE), dropped when the run ends.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (project.config.env?.TEST_DRIVER !== "pg" || !serverUrl) return;

  const prefix = `creditdesk_test_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const template = `${prefix}_template`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${template}"`);
  await admin.end();

  const templateUrl = withDatabase(serverUrl, template);
  // Migrate and seed through the app's own code, in a child so its module graph stays out of here.
  const { execFileSync } = await import("node:child_process");
  execFileSync(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "tests/helpers/prepareTemplate.ts"],
    { env: { ...process.env, DATABASE_URL: templateUrl }, stdio: "inherit" },
  );
  project.provide("pgTemplateUrl", templateUrl);

  return async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(
      "select datname from pg_database where datname like $1",
      [`${prefix}%`],
    );
    for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
    await client.end();
  };
}
