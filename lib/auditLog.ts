import "server-only";

import { count, desc, eq } from "drizzle-orm";

import { getDb, type Queryable } from "@/db/client";
import { auditLog, users } from "@/db/schema";

import { assertAdmin, type Actor } from "./authz";

export const AUDIT_PAGE_SIZE = 50;

export type AuditLogEntry = {
  id: number;
  occurredAt: Date;
  event: string;
  entity: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  actor: { id: number; name: string; email: string } | null;
};

export type AuditLogPage = { entries: AuditLogEntry[]; page: number; pageCount: number; total: number };

/** The audit log, newest first, a page at a time (page numbers from 1; out of range → last page). */
export async function listAuditLog(
  actor: Actor | null,
  options: { page?: number; pageSize?: number } = {},
  db: Queryable = getDb(),
): Promise<AuditLogPage> {
  assertAdmin(actor);
  const pageSize = Math.min(Math.max(Math.trunc(options.pageSize ?? AUDIT_PAGE_SIZE), 1), 200);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(auditLog);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const requested = Number.isFinite(options.page) ? Math.trunc(options.page!) : 1;
  const page = Math.min(Math.max(requested, 1), pageCount);
  const rows = await db
    .select({
      id: auditLog.id,
      occurredAt: auditLog.occurredAt,
      event: auditLog.event,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      actorId: users.id,
      actorName: users.name,
      actorEmail: users.email,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .orderBy(desc(auditLog.occurredAt), desc(auditLog.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return {
    page,
    pageCount,
    total,
    entries: rows.map(({ actorId, actorName, actorEmail, ...entry }) => ({
      ...entry,
      actor: actorId === null ? null : { id: actorId, name: actorName!, email: actorEmail! },
    })),
  };
}
