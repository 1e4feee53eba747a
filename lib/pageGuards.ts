import "server-only";

import { forbidden } from "next/navigation";

import { can, type Actor, type Capability } from "./authz";
import { requireActor } from "./session";

/** For pages: the signed-in actor with this capability, else the 403 page. */
export async function requireCapability(capability: Capability): Promise<Actor> {
  const actor = await requireActor();
  if (!can(actor, capability)) forbidden();
  return actor;
}
