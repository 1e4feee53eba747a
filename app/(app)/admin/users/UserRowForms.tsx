"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";

import { changeUserRoleAction, deactivateUserAction, reactivateUserAction } from "../actions";
import { FormStatus, inputClass, secondaryButtonClass, useAdminForm } from "../_components/adminForm";
import { RecordActionButton } from "../_components/LifecycleButtons";

const ROLES = ["admin", "collector", "viewer"] as const;

export function UserRoleForm({ user }: { user: { id: number; name: string; role: (typeof ROLES)[number] } }) {
  const t = useTranslations("users");
  const tRoles = useTranslations("roles");
  const { state, pending, formProps, fieldError } = useAdminForm(changeUserRoleAction);
  const id = useId();
  const error = fieldError("role");
  return (
    <form {...formProps} className="space-y-1">
      <input type="hidden" name="id" value={user.id} />
      <div className="flex items-center gap-2">
        <label htmlFor={`${id}-role`} className="sr-only">
          {t("roleOf", { name: user.name })}
        </label>
        <select
          id={`${id}-role`}
          name="role"
          defaultValue={user.role}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-status`}
          className={`${inputClass} w-auto py-1`}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {tRoles(role)}
            </option>
          ))}
        </select>
        <button
          type="submit"
          disabled={pending}
          aria-busy={pending}
          aria-label={t("changeRoleOf", { name: user.name })}
          className={secondaryButtonClass}
        >
          {t("changeRole")}
        </button>
      </div>
      <div id={`${id}-status`}>
        <FormStatus
          state={state}
          success={state?.ok ? t("roleChanged", { name: user.name, role: tRoles(state.data.role) }) : ""}
        />
      </div>
    </form>
  );
}

export function UserActiveButton({ user }: { user: { id: number; name: string; active: boolean } }) {
  const t = useTranslations("users");
  // One form whichever the state, so its message survives the re-render that flips the button.
  return (
    <RecordActionButton
      id={user.id}
      action={user.active ? deactivateUserAction : reactivateUserAction}
      label={user.active ? t("deactivate") : t("reactivate")}
      accessibleName={t(user.active ? "deactivateLabel" : "reactivateLabel", { name: user.name })}
      success={(data) => (data.active ? t("reactivated", { name: user.name }) : t("deactivated", { name: user.name }))}
      danger={user.active}
    />
  );
}
