"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import { changeItemStatus, changeStatusSchema } from "@/lib/itemStatus";
import {
  applyQuickPromise,
  quickPromiseSchema,
  undoQuickPromise,
  undoQuickPromiseSchema,
  type QuickPromiseResult,
} from "@/lib/quickPromise";
import { createAction, type ActionResult } from "@/lib/serverAction";
import { getMatchingSelection, STATEMENT_SCOPES, statusFilterSchema, type MatchingSelection } from "@/lib/statement";
import { recordId } from "@/lib/validation";

export type ChangeStatusOutcome = { count: number; followUpDueDate: string | null };

const changeStatus = createAction(changeStatusSchema, async (input, actor): Promise<ChangeStatusOutcome> => {
  const result = await changeItemStatus(actor, input);
  // The statement, the summary's promised figures, the history and both to-do lists change.
  revalidatePath(`/customers/${input.customerId}`, "layout");
  revalidatePath("/actions");
  return { count: result.count, followUpDueDate: result.followUp?.dueDate ?? null };
});

/** The Change status dialog: any active status on the selected items, with an optional promise date and comment. */
export async function changeStatusAction(previous: unknown, payload: unknown): Promise<ActionResult<ChangeStatusOutcome>> {
  return changeStatus(previous, payload);
}

const selectAllMatchingSchema = z
  .object({
    customerId: recordId,
    scope: z.enum(STATEMENT_SCOPES),
    status: statusFilterSchema,
  })
  .strict();

const selectAllMatching = createAction(selectAllMatchingSchema, (input, actor) => getMatchingSelection(actor, input));

/** "Select all N matching items": the ids of every selectable item of the filter, and their totals. */
export async function selectAllMatchingAction(previous: unknown, payload: unknown): Promise<ActionResult<MatchingSelection>> {
  return selectAllMatching(previous, payload);
}

const applyQuickPromiseHandler = createAction(quickPromiseSchema, async (input, actor) => {
  const result = await applyQuickPromise({ actor, ...input });
  revalidatePath(`/customers/${input.customerId}`, "layout");
  revalidatePath("/actions");
  return result;
});

/** Quick Promise: the configured status and promise date on the selected items, in one click. */
export async function applyQuickPromiseAction(previous: unknown, payload: unknown): Promise<ActionResult<QuickPromiseResult>> {
  return applyQuickPromiseHandler(previous, payload);
}

const undoQuickPromiseHandler = createAction(undoQuickPromiseSchema, async (input, actor) => {
  const result = await undoQuickPromise(actor, input);
  revalidatePath(`/customers/${result.customerId}`, "layout");
  revalidatePath("/actions");
  return result;
});

/** Undo of a Quick Promise within its short window. */
export async function undoQuickPromiseAction(
  previous: unknown,
  payload: unknown,
): Promise<ActionResult<{ count: number; customerId: number }>> {
  return undoQuickPromiseHandler(previous, payload);
}
