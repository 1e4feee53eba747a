"use client";

import { useTranslations } from "next-intl";

import { createUserAction } from "../actions";
import { Field, FormStatus, inputClass, primaryButtonClass, useAdminForm } from "../_components/adminForm";

const ROLES = ["collector", "viewer", "admin"] as const;

export function CreateUserForm() {
  const t = useTranslations("users");
  const tRoles = useTranslations("roles");
  const { state, pending, formProps, fieldError } = useAdminForm(createUserAction, { resetOnSuccess: true });
  const created = state?.ok ? state.data : null;
  return (
    <form {...formProps} className="space-y-4" autoComplete="off">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="email" label={t("form.email")} error={fieldError("email")}>
          {(props) => <input {...props} type="email" required maxLength={254} autoComplete="off" className={inputClass} />}
        </Field>
        <Field name="name" label={t("form.name")} error={fieldError("name")}>
          {(props) => <input {...props} type="text" required maxLength={120} autoComplete="off" className={inputClass} />}
        </Field>
        <Field name="role" label={t("form.role")} hint={t("form.roleHint")} error={fieldError("role")}>
          {(props) => (
            <select {...props} defaultValue="collector" className={inputClass}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {tRoles(role)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="password" label={t("form.password")} hint={t("form.passwordHint")} error={fieldError("password")}>
          {(props) => <input {...props} type="password" minLength={12} maxLength={200} autoComplete="new-password" className={inputClass} />}
        </Field>
      </div>
      <div className="flex items-center gap-4">
        <button type="submit" disabled={pending} aria-busy={pending} className={primaryButtonClass}>
          {t("form.create")}
        </button>
      </div>
      <FormStatus
        state={state}
        success={
          created ? (
            <>
              {t("created", { email: created.email })}
              {created.generatedPassword ? (
                <>
                  <br />
                  {t("generatedPassword")} <code className="rounded bg-white px-1.5 py-0.5 font-mono text-base select-all">{created.generatedPassword}</code>
                </>
              ) : null}
            </>
          ) : null
        }
      />
    </form>
  );
}
