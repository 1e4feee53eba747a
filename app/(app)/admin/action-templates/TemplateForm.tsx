"use client";

import { useTranslations } from "next-intl";

import { createActionTemplateAction, updateActionTemplateAction } from "../actions";
import { Field, FormStatus, inputClass, primaryButtonClass, useAdminForm } from "../_components/adminForm";

export type TemplateFormValues = {
  id: number;
  name: string;
  channel: "call" | "email" | "letter" | "task";
  title: string;
  instructions: string;
  dueOffsetDays: number;
};

const CHANNELS = ["call", "email", "letter", "task"] as const;

export function TemplateForm({ template }: { /** Absent: a creation form. */ template?: TemplateFormValues }) {
  const t = useTranslations("actionTemplates");
  const { state, pending, formProps, fieldError } = useAdminForm<{ id: number; name?: string }>(
    template ? updateActionTemplateAction : createActionTemplateAction,
    { resetOnSuccess: !template },
  );
  return (
    <form {...formProps} className="space-y-4">
      {template ? <input type="hidden" name="id" value={template.id} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="name" label={t("form.name")} hint={t("form.nameHint")} error={fieldError("name")}>
          {(props) => <input {...props} type="text" required maxLength={80} defaultValue={template?.name} className={inputClass} />}
        </Field>
        <Field name="channel" label={t("form.channel")} error={fieldError("channel")}>
          {(props) => (
            <select {...props} defaultValue={template?.channel ?? "call"} className={inputClass}>
              {CHANNELS.map((channel) => (
                <option key={channel} value={channel}>
                  {t(`channel.${channel}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="title" label={t("form.title")} hint={t("form.titleHint")} error={fieldError("title")}>
          {(props) => <input {...props} type="text" required maxLength={120} defaultValue={template?.title} className={inputClass} />}
        </Field>
        <Field name="dueOffsetDays" label={t("form.dueOffsetDays")} hint={t("form.dueOffsetHint")} error={fieldError("dueOffsetDays")}>
          {(props) => (
            <input
              {...props}
              type="number"
              min={0}
              max={30}
              step={1}
              required
              defaultValue={template?.dueOffsetDays ?? 0}
              className={inputClass}
            />
          )}
        </Field>
      </div>
      <Field name="instructions" label={t("form.instructions")} hint={t("form.instructionsHint")} error={fieldError("instructions")}>
        {(props) => <textarea {...props} rows={3} maxLength={2000} defaultValue={template?.instructions} className={inputClass} />}
      </Field>
      <div className="flex items-center gap-4">
        <button type="submit" disabled={pending} aria-busy={pending} className={primaryButtonClass}>
          {template ? t("form.save") : t("form.create")}
        </button>
        <FormStatus
          state={state}
          success={template ? t("saved") : t("created", { name: state?.ok ? (state.data.name ?? "") : "" })}
          className="flex-1"
        />
      </div>
    </form>
  );
}
