import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedDemoData } from "@/db/seed";
import { buildIfNeeded, waitForHealth } from "@/scripts/appServer";

import { freePort, startPrivatePostgres, type PrivatePostgres } from "./pgServer";

/** Its own build folder, so a running demo or end-to-end server is never disturbed. */
const DIST_DIR = ".next-resilience";

let server: PrivatePostgres;
let app: ChildProcess;
let baseUrl: string;
const appOutput: string[] = [];

async function health(): Promise<number | "refused"> {
  try {
    const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(8_000) });
    await response.text();
    return response.status;
  } catch {
    return "refused";
  }
}

/** Polls /api/health until it answers `status`; returns how long that took, or null after the timeout. */
async function healthBecomes(status: number, timeoutMs: number, seen: (number | "refused")[]): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const answer = await health();
    seen.push(answer);
    if (answer === status) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return null;
}

beforeAll(async () => {
  server = await startPrivatePostgres(55442);
  const database = openDatabase({ url: server.url });
  await migrateDatabase(database);
  await seedDemoData(database.db);
  await database.close();

  buildIfNeeded(DIST_DIR);
  const port = await freePort(3290);
  baseUrl = `http://127.0.0.1:${port}`;
  app = spawn(process.execPath, [path.join("node_modules/next/dist/bin/next"), "start", "-p", String(port)], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: DIST_DIR,
      DATABASE_URL: server.url,
      DATABASE_POOL_MAX: "4",
      AUTH_SECRET: "resilience-secret-resilience-secret-0123",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  app.stdout?.on("data", (chunk: Buffer) => appOutput.push(chunk.toString()));
  app.stderr?.on("data", (chunk: Buffer) => appOutput.push(chunk.toString()));
  expect(await waitForHealth(`${baseUrl}/api/health`, 60_000), appOutput.join("")).toBe(true);
}, 600_000);

afterAll(async () => {
  if (app && app.exitCode === null) {
    const exited = new Promise((resolve) => app.once("exit", resolve));
    app.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  }
  server?.destroy();
});

describe("the built app with its database going away", () => {
  it("health answers 503 while PostgreSQL is down and 200 within 10 s of it coming back; the process stays up", async () => {
    expect(await health()).toBe(200);

    server.stop("fast");
    const down: (number | "refused")[] = [];
    expect(await healthBecomes(503, 10_000, down), `health while down: ${down.join(", ")}`).not.toBeNull();
    // Still down a moment later: the app keeps answering, with 503, never a 500 or a dropped connection.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await health()).toBe(503);
    expect(down.every((status) => status === 200 || status === 503), down.join(", ")).toBe(true);
    expect(app.exitCode, "the app process is alive").toBeNull();

    server.start();
    const up: (number | "refused")[] = [];
    const recovered = await healthBecomes(200, 10_000, up);
    expect(recovered, `health after restart: ${up.join(", ")}`).not.toBeNull();
    expect(up.every((status) => status === 200 || status === 503), up.join(", ")).toBe(true);
    expect(app.exitCode).toBeNull();
  });

  it("a fast restart under steady requests: the app survives and serves again by itself", async () => {
    const seen: (number | "refused")[] = [];
    let stop = false;
    const load = (async () => {
      while (!stop) {
        seen.push(await health());
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 500));
    server.restart();
    const restarted = Date.now();
    const after: (number | "refused")[] = [];
    const recovered = await healthBecomes(200, 10_000, after);
    stop = true;
    await load;
    expect(recovered, `after restart: ${after.join(", ")}`).not.toBeNull();
    expect(Date.now() - restarted).toBeLessThan(12_000);
    expect([...seen, ...after].every((status) => status === 200 || status === 503), seen.join(", ")).toBe(true);
    expect(app.exitCode).toBeNull();
    expect(appOutput.join("")).not.toMatch(/uncaughtException|unhandledRejection/i);
  });
});
