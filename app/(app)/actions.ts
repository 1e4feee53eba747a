"use server";

import { endSession } from "@/lib/account";
import { signOut } from "@/lib/auth";
import { getActor, getSessionRef } from "@/lib/session";

export async function signOutAction(): Promise<void> {
  const [actor, session] = await Promise.all([getActor(), getSessionRef()]);
  if (actor && session) await endSession(actor, session);
  await signOut({ redirectTo: "/login" });
}
