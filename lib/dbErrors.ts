import "server-only";

import { getTableName, sql, type Column, type SQL } from "drizzle-orm";

/** PostgreSQL error details, found along the cause chain (Drizzle wraps the driver's error). */
export function pgError(error: unknown): { code: string; constraint?: string } | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, constraint } = e as { code?: unknown; constraint?: unknown };
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) {
      return { code, constraint: typeof constraint === "string" ? constraint : undefined };
    }
  }
  return null;
}

export const isUniqueViolation = (error: unknown) => pgError(error)?.code === "23505";
export const isForeignKeyViolation = (error: unknown) => pgError(error)?.code === "23503";

/**
 * A column always written as "table"."column". Drizzle leaves columns unqualified in a
 * single-table select, where a correlated subquery would then bind them to its own table.
 */
export function qualified(column: Column): SQL {
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
}
