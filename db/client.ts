import "server-only";

import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

import { PGlite } from "@electric-sql/pglite";
import type { Logger } from "drizzle-orm";
import { drizzle as drizzlePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";

import { env } from "@/lib/env";

import * as schema from "./schema";

/** One Drizzle type for both drivers: the query API is the same. */
export type Db = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** A database handle or an open transaction: read functions accept either. */
export type Queryable = Db | Tx;

export type Database = {
  db: Db;
  driver: "pg" | "pglite";
  close: () => Promise<void>;
};

export type OpenOptions = {
  /** postgres://… → node-postgres pool. */
  url?: string;
  /** PGlite data directory; omitted with no url → in-memory PGlite. */
  dataDir?: string;
  /** An already open PGlite (tests clone a migrated template). */
  pglite?: PGlite;
  logger?: Logger;
  poolMax?: number;
};

export function openDatabase(options: OpenOptions): Database {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolMax ?? 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      // A transaction left open by a crashed request must not hold row locks for ever.
      idle_in_transaction_session_timeout: 30_000,
      statement_timeout: 30_000,
    });
    // A backend that dies while idle (server restart, pg_terminate_backend) emits 'error' on the pool:
    // without a listener Node would crash the whole app. The pool drops the client and reconnects.
    pool.on("error", (error) => console.error("[db] idle client error:", error.message));
    // A client checked out for a transaction has no pool listener: if its backend dies mid-transaction
    // (terminated, server restart) the client emits 'error', which unheard would crash the process.
    // The running query fails on its own. The client is handed back broken so the pool discards it:
    // drizzle does not release a client whose BEGIN failed, which would leak one pool slot per failure.
    const checkedOut = new Set<pg.PoolClient>();
    pool.on("acquire", (client) => checkedOut.add(client));
    pool.on("release", (_error, client) => checkedOut.delete(client));
    pool.on("connect", (client) => {
      client.on("error", (error) => {
        console.error("[db] connection lost:", error.message);
        if (!checkedOut.has(client)) return; // idle: the pool's own listener discards it
        client.release(error);
        client.release = () => {}; // the holder's own release, if it comes, is then a no-op
      });
    });
    return {
      db: drizzlePg(pool, { schema, logger: options.logger }),
      driver: "pg",
      close: () => pool.end(),
    };
  }
  let release = () => {};
  let client = options.pglite;
  if (!client) {
    if (options.dataDir) {
      const dir = path.resolve(/*turbopackIgnore: true*/ options.dataDir);
      mkdirSync(path.dirname(dir), { recursive: true });
      release = lockDataDir(dir);
      client = new PGlite(dir);
    } else {
      client = new PGlite();
    }
  }
  const pglite = client;
  const db = drizzlePglite(pglite, { schema, logger: options.logger }) as unknown as Db;
  return {
    db,
    driver: "pglite",
    close: async () => {
      await pglite.close();
      release();
    },
  };
}

/**
 * PGlite does not lock its data directory and two processes on one directory silently lose
 * writes, so a pid lockfile makes a second opener fail loudly. A stale lock (dead pid) is taken over.
 */
function lockDataDir(dir: string): () => void {
  const lockPath = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => rmSync(lockPath, { force: true });
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number(readFileSync(lockPath, "utf8"));
      if (pid === process.pid) return () => rmSync(lockPath, { force: true });
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
        throw new Error(
          `The embedded database ${dir} is in use by process ${pid}. Stop that process first ` +
            `(or set DATABASE_URL to use a PostgreSQL server).`,
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database ${dir}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const holder = globalThis as typeof globalThis & { __creditDeskDatabase?: Database };

/** The process-wide database, opened lazily on first use (never at import time). */
export function getDatabase(): Database {
  if (!holder.__creditDeskDatabase) {
    const config = env();
    if (config.NEXT_PHASE === "phase-production-build") {
      throw new Error("The database is not available while Next.js builds: make the page dynamic.");
    }
    holder.__creditDeskDatabase = openDatabase({
      url: config.DATABASE_URL,
      dataDir: config.DATABASE_DIR,
      poolMax: config.DATABASE_POOL_MAX,
    });
  }
  return holder.__creditDeskDatabase;
}

export function getDb(): Db {
  return getDatabase().db;
}

/** Tests and scripts install the database the app's functions will use. */
export function setDatabase(database: Database | undefined): void {
  holder.__creditDeskDatabase = database;
}

export async function closeDatabase(): Promise<void> {
  const database = holder.__creditDeskDatabase;
  holder.__creditDeskDatabase = undefined;
  await database?.close();
}
