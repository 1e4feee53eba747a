import type { Role } from "@/db/schema";

import { ForbiddenError, NotSignedInError } from "./errors";

/** Who is calling: read from the database on every request, never trusted from the token alone. */
export type Actor = {
  id: number;
  email: string;
  name: string;
  role: Role;
  locale: string | null;
};

/** Viewers read, collectors act, admins configure (and act). */
export type Capability = "read" | "act" | "configure";

const CAPABILITIES: Record<Role, readonly Capability[]> = {
  viewer: ["read"],
  collector: ["read", "act"],
  admin: ["read", "act", "configure"],
};

export function can(actor: Actor | null | undefined, capability: Capability): boolean {
  return Boolean(actor && CAPABILITIES[actor.role].includes(capability));
}

export function assertSignedIn(actor: Actor | null | undefined): asserts actor is Actor {
  if (!actor) throw new NotSignedInError();
}

export function assertCan(actor: Actor | null | undefined, capability: Capability): asserts actor is Actor {
  assertSignedIn(actor);
  if (!can(actor, capability)) throw new ForbiddenError();
}

export function assertCanRead(actor: Actor | null | undefined): asserts actor is Actor {
  assertCan(actor, "read");
}

export function assertCanAct(actor: Actor | null | undefined): asserts actor is Actor {
  assertCan(actor, "act");
}

export function assertAdmin(actor: Actor | null | undefined): asserts actor is Actor {
  assertCan(actor, "configure");
}

/**
 * May this actor write on this customer's items? Collectors may act on every customer unless the
 * organisation restricts them to their own portfolio; admins always may.
 */
export function canActOnCustomer(
  actor: Actor,
  customer: { collectorId: number | null },
  settings: { collectorsOwnCustomersOnly: boolean },
): boolean {
  if (!can(actor, "act")) return false;
  if (actor.role === "admin" || !settings.collectorsOwnCustomersOnly) return true;
  return customer.collectorId === actor.id;
}
