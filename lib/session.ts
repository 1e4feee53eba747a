import "server-only";

import { and, eq, notExists, sql } from "drizzle-orm";
import { redirect } from "next/navigation";
import { cache } from "react";

import { getDb } from "@/db/client";
import { revokedSessions, users } from "@/db/schema";

import { auth } from "./auth";
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

function sessionRef(session: { user?: { id?: string }; sessionId?: string } | null): SessionRef | null {
  const userId = Number(session?.user?.id);
  const sessionId = session?.sessionId ?? "";
  if (!Number.isInteger(userId) || userId <= 0) return null;
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
  return { userId, sessionId };
}

/** The signed-in user, read once per request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const ref = sessionRef(await auth());
  return ref ? findActiveActor(ref) : null;
});

/** The current sign-in, for signing out. */
export async function getSessionRef(): Promise<(SessionRef & { endsAt: Date }) | null> {
  const session = await auth();
  const ref = sessionRef(session);
  return ref && session ? { ...ref, endsAt: new Date(session.endsAt * 1000) } : null;
}

/** For pages: the actor, or a redirect to the sign-in page. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  return actor;
}
