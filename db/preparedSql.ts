import { createHash } from "node:crypto";

import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";

import type { Queryable } from "./client";

const dialect = new PgDialect();

/** node-postgres refuses a name already prepared on the connection with another text. */
const textByName = new Map<string, string>();

/**
 * A hot-path SQL statement, built once at module load with `sql.placeholder(name)` for its inputs
 * and run as a named prepared statement: neither Drizzle's builder nor PostgreSQL's planner redoes
 * the work per call. Both drivers go through the session's own `prepareQuery`, so the query logger
 * and the transaction the statement runs in are the caller's.
 */
export function preparedSql<Row extends Record<string, unknown>, Params extends Record<string, unknown>>(
  name: string,
  query: SQL,
): (db: Queryable, params: Params) => Promise<Row[]> {
  const built = dialect.sqlToQuery(query);
  const known = textByName.get(name);
  if (known !== undefined && known !== built.sql) throw new Error(`Prepared statement name "${name}" is already in use`);
  textByName.set(name, built.sql);
  // The text's hash in the name: a pooled connection that survives a dev reload never meets an
  // edited statement under a name it already prepared.
  const statementName = `${name}_${createHash("sha256").update(built.sql).digest("hex").slice(0, 12)}`;
  return async (db, params) => {
    const result = (await db._.session.prepareQuery(built, undefined, statementName, false).execute(params)) as { rows: Row[] };
    return result.rows;
  };
}
