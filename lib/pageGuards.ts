import "server-only";

import { headers } from "next/headers";
import { forbidden } from "next/navigation";
import { cache } from "react";

import { recordAccessDenied } from "./accessDenied";
import { can, type Actor, type Capability } from "./authz";
import { requireActor } from "./session";

/** Once per request, however many layouts and pages of the route check the same capability. */
const recordPageDenied = cache(async (actorId: number, capability: Capability): Promise<void> => {
  let path: string | null = null;
  try {
    path = (await headers()).get("x-request-path");
  } catch {
    // outside a request (tests): no path to record
  }
  await recordAccessDenied({ actorId, entity: "page", path, reason: capability });
});

/** For pages: the signed-in actor with this capability, else the 403 page (and an audit entry). */
export async function requireCapability(capability: Capability): Promise<Actor> {
  const actor = await requireActor();
  if (!can(actor, capability)) {
    await recordPageDenied(actor.id, capability);
    forbidden();
  }
  return actor;
}
