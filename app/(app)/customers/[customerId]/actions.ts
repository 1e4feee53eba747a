"use server";

import { revalidatePath } from "next/cache";

import { applyQuickPromise, quickPromiseSchema, undoQuickPromise, undoQuickPromiseSchema } from "@/lib/quickPromise";
import { createAction } from "@/lib/serverAction";

export const applyQuickPromiseAction = createAction(quickPromiseSchema, async (input, actor) => {
  const result = await applyQuickPromise({ actor, ...input });
  revalidatePath(`/customers/${input.customerId}`, "layout");
  revalidatePath("/actions");
  return result;
});

export const undoQuickPromiseAction = createAction(undoQuickPromiseSchema, async (input, actor) => {
  const result = await undoQuickPromise(actor, input);
  revalidatePath(`/customers/${result.customerId}`, "layout");
  revalidatePath("/actions");
  return result;
});
