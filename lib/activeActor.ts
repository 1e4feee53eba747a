import "server-only";

import { and, eq, notExists, sql } from "drizzle-orm";

import { getDb } from "@/db/client";
import { revokedSessions, users } from "@/db/schema";

import type { Actor } from "./authz";

export type SessionRef = { userId: number; sessionId: string };

/**
 * The user behind a token, if the token may still be used: the user exists and is active and this
 * sign-in was not ended by signing out. Role and language come from the database, so a role change
 * or a deactivation applies at the next request. One query.
 */
export async function findActiveActor({ userId, sessionId }: SessionRef): Promise<Actor | null> {
  const [user] = await getDb()
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, locale: users.locale })
    .from(users)
    .where(
      and(
        eq(users.id, userId),
        eq(users.active, true),
        notExists(
          getDb()
            .select({ one: sql`1` })
            .from(revokedSessions)
            .where(eq(revokedSessions.sessionId, sessionId)),
        ),
      ),
    );
  return user ?? null;
}
