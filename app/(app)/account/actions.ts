"use server";

import { revalidatePath } from "next/cache";

import { accountPreferencesSchema, updateAccountPreferences } from "@/lib/account";
import { createAction } from "@/lib/serverAction";

export const saveAccountPreferences = createAction(accountPreferencesSchema, async (input, actor) => {
  const result = await updateAccountPreferences(actor, input);
  // The language changes every page's text.
  revalidatePath("/", "layout");
  return result;
});
