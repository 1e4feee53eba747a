import "server-only";

import { getDb } from "@/db/client";

import { recordAudit } from "./audit";

export type AccessDenied = {
  actorId: number | null;
  /** What was refused: a page (by path) or a server action (by name or id). */
  entity: "page" | "action";
  path?: string | null;
  action?: string | null;
  /** The capability a page required, or the refusal's message key for an action. */
  reason?: string;
};

/**
 * Records a refusal in the audit log (event `auth.access_denied`). Best effort: the refusal stands
 * whether or not the entry can be written, so a failing insert is logged and swallowed.
 */
export async function recordAccessDenied(entry: AccessDenied): Promise<void> {
  const after: Record<string, string> = {};
  if (entry.path) after.path = entry.path.slice(0, 512);
  if (entry.action) after.action = entry.action.slice(0, 200);
  if (entry.reason) after.reason = entry.reason.slice(0, 100);
  try {
    await recordAudit(getDb(), { actorId: entry.actorId, event: "auth.access_denied", entity: entry.entity, after });
  } catch (error) {
    console.error("[audit] could not record an access denial:", error instanceof Error ? error.message : error);
  }
}
