import { eq } from "drizzle-orm";

import type { Queryable } from "@/db/client";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/authz";

/** The demo user of that role, as the app's functions see a signed-in caller. */
export async function actorFor(db: Queryable, role: "admin" | "collector" | "viewer"): Promise<Actor> {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, locale: users.locale })
    .from(users)
    .where(eq(users.email, `${role}@example.com`));
  if (!user) throw new Error(`No demo ${role}`);
  return user;
}
