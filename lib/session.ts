import "server-only";

import { redirect } from "next/navigation";
import { cache } from "react";

import { findActiveActor, type SessionRef } from "./activeActor";
import { auth } from "./auth";
import type { Actor } from "./authz";

export { findActiveActor, type SessionRef } from "./activeActor";

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
