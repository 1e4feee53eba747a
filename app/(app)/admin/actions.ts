"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import {
  actionTemplateIdSchema,
  archiveActionTemplate,
  createActionTemplate,
  createActionTemplateSchema,
  deleteActionTemplate,
  unarchiveActionTemplate,
  updateActionTemplate,
  updateActionTemplateSchema,
} from "@/lib/actionTemplates";
import {
  archiveItemStatus,
  createItemStatus,
  createItemStatusSchema,
  deleteItemStatus,
  itemStatusIdSchema,
  unarchiveItemStatus,
  updateItemStatus,
  updateItemStatusSchema,
} from "@/lib/itemStatuses";
import { organizationSettingsSchema, updateOrganizationProfile } from "@/lib/organization";
import { quickPromisePreferencesSchema, saveQuickPromisePreferences } from "@/lib/quickPromiseSettings";
import {
  changeUserRole,
  changeUserRoleSchema,
  createUser,
  createUserSchema,
  deactivateUser,
  reactivateUser,
  userIdSchema,
} from "@/lib/users";

import { createAction } from "@/lib/serverAction";

// Every action is refused for non-admins by the lib function it calls (assertAdmin comes first
// there, before any read or write), so a collector posting to these gets "not allowed" and
// nothing changes.

/** Admin pages, and every page that shows statuses, settings or users. */
function revalidateAdmin(): void {
  revalidatePath("/", "layout");
}

export const createItemStatusAction = createAction(createItemStatusSchema, async (input, actor) => {
  const result = await createItemStatus(actor, input);
  revalidateAdmin();
  return { ...result, label: input.label };
});

export const updateItemStatusAction = createAction(updateItemStatusSchema, async (input, actor) => {
  const result = await updateItemStatus(actor, input);
  revalidateAdmin();
  return result;
});

export const archiveItemStatusAction = createAction(itemStatusIdSchema, async (input, actor) => {
  const result = await archiveItemStatus(actor, input);
  revalidateAdmin();
  return result;
});

export const unarchiveItemStatusAction = createAction(itemStatusIdSchema, async (input, actor) => {
  const result = await unarchiveItemStatus(actor, input);
  revalidateAdmin();
  return result;
});

// After a deletion the edit page has nothing left to show: back to the list, which says so.
export const deleteItemStatusAction = createAction(itemStatusIdSchema, async (input, actor) => {
  await deleteItemStatus(actor, input);
  revalidateAdmin();
  redirect("/admin/item-statuses?notice=deleted");
});

export const createActionTemplateAction = createAction(createActionTemplateSchema, async (input, actor) => {
  const result = await createActionTemplate(actor, input);
  revalidateAdmin();
  return { ...result, name: input.name };
});

export const updateActionTemplateAction = createAction(updateActionTemplateSchema, async (input, actor) => {
  const result = await updateActionTemplate(actor, input);
  revalidateAdmin();
  return result;
});

export const archiveActionTemplateAction = createAction(actionTemplateIdSchema, async (input, actor) => {
  const result = await archiveActionTemplate(actor, input);
  revalidateAdmin();
  return result;
});

export const unarchiveActionTemplateAction = createAction(actionTemplateIdSchema, async (input, actor) => {
  const result = await unarchiveActionTemplate(actor, input);
  revalidateAdmin();
  return result;
});

export const deleteActionTemplateAction = createAction(actionTemplateIdSchema, async (input, actor) => {
  await deleteActionTemplate(actor, input);
  revalidateAdmin();
  redirect("/admin/action-templates?notice=deleted");
});

export const saveQuickPromisePreferencesAction = createAction(quickPromisePreferencesSchema, async (input, actor) => {
  const config = await saveQuickPromisePreferences(actor, input);
  revalidateAdmin();
  return { configured: config.configured };
});

export const updateOrganizationAction = createAction(organizationSettingsSchema, async (input, actor) => {
  await updateOrganizationProfile(actor, input);
  revalidateAdmin();
  return { saved: true };
});

export const createUserAction = createAction(createUserSchema, async (input, actor) => {
  const created = await createUser(actor, input);
  revalidateAdmin();
  return { id: created.id, email: created.email, generatedPassword: created.generatedPassword };
});

export const changeUserRoleAction = createAction(changeUserRoleSchema, async (input, actor) => {
  const result = await changeUserRole(actor, input);
  revalidateAdmin();
  return result;
});

export const deactivateUserAction = createAction(userIdSchema, async (input, actor) => {
  const result = await deactivateUser(actor, input);
  revalidateAdmin();
  return result;
});

export const reactivateUserAction = createAction(userIdSchema, async (input, actor) => {
  const result = await reactivateUser(actor, input);
  revalidateAdmin();
  return result;
});
