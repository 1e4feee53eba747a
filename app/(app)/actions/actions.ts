"use server";

import { revalidatePath } from "next/cache";

import { markActionDone, markActionDoneSchema, type MarkActionDoneResult } from "@/lib/followUps";
import { createAction, type ActionResult } from "@/lib/serverAction";

const markDone = createAction(markActionDoneSchema, async (input, actor) => {
  const result = await markActionDone(actor, input);
  revalidatePath("/actions");
  revalidatePath(`/customers/${result.customerId}/actions`);
  return result;
});

/** "Mark done" on a follow-up action, with an optional note. */
export async function markActionDoneAction(previous: unknown, payload: unknown): Promise<ActionResult<MarkActionDoneResult>> {
  return markDone(previous, payload);
}
