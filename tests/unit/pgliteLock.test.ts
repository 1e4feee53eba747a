import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { openDatabase } from "@/db/client";

const dir = mkdtempSync(path.join(tmpdir(), "creditdesk-lock-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("embedded database lock", () => {
  it("refuses a second opener of the same directory while the first holds it", async () => {
    const dataDir = path.join(dir, "db");
    // Another live process (our parent) holds the lock.
    writeFileSync(`${dataDir}.lock`, String(process.ppid));
    expect(() => openDatabase({ dataDir })).toThrow(/in use by process/);
  });

  it("takes over a stale lock left by a dead process and releases it on close", async () => {
    const dataDir = path.join(dir, "db2");
    writeFileSync(`${dataDir}.lock`, "999999999");
    const database = openDatabase({ dataDir });
    await database.close();
    const again = openDatabase({ dataDir });
    await again.close();
  }, 30_000);
});
