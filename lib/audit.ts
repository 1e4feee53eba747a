import "server-only";

import type { Queryable } from "@/db/client";
import { auditLog } from "@/db/schema";

export type AuditEntry = {
  actorId: number | null;
  event: string;
  entity?: string;
  entityId?: string | number;
  before?: unknown;
  after?: unknown;
};

/** Appends to the audit log; call inside the transaction of the change it records. */
export async function recordAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actorId,
    event: entry.event,
    entity: entry.entity ?? null,
    entityId: entry.entityId === undefined ? null : String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
