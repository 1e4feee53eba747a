"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";

import { createItemStatusAction, updateItemStatusAction } from "../actions";
import { Field, FormStatus, inputClass, primaryButtonClass, useAdminForm } from "../_components/adminForm";

export type PaletteColour = { key: string; hex: string };
export type TemplateOption = { id: number; name: string };
export type StatusFormValues = {
  id: number;
  label: string;
  category: "promise" | "dispute" | "other";
  colour: string;
  actionTemplateId: number | null;
  /** The template the status has now, when it is archived (so not among the options). */
  archivedTemplate: TemplateOption | null;
  sortOrder: number;
};

const CATEGORIES = ["promise", "dispute", "other"] as const;

export function StatusForm({
  status,
  palette,
  templates,
  nextSortOrder = 0,
}: {
  /** Absent: a creation form. */
  status?: StatusFormValues;
  palette: PaletteColour[];
  templates: TemplateOption[];
  nextSortOrder?: number;
}) {
  const t = useTranslations("itemStatuses");
  const { state, pending, formProps, fieldError } = useAdminForm<{ id: number; label?: string }>(
    status ? updateItemStatusAction : createItemStatusAction,
    { resetOnSuccess: !status },
  );
  const colourError = fieldError("colour");
  const colourErrorId = `${useId()}-colour-error`;
  const colours =
    status && !palette.some((c) => c.hex === status.colour) ? [...palette, { key: "custom", hex: status.colour }] : palette;
  const defaultColour = status?.colour ?? palette[0]?.hex;
  const templateOptions =
    status?.archivedTemplate && !templates.some((o) => o.id === status.archivedTemplate!.id)
      ? [...templates, status.archivedTemplate]
      : templates;

  return (
    <form {...formProps} className="space-y-4">
      {status ? <input type="hidden" name="id" value={status.id} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="label" label={t("form.label")} error={fieldError("label")} hint={t("form.labelHint")}>
          {(props) => (
            <input {...props} type="text" required maxLength={60} defaultValue={status?.label} className={inputClass} />
          )}
        </Field>
        <Field name="category" label={t("form.category")} error={fieldError("category")}>
          {(props) => (
            <select {...props} defaultValue={status?.category ?? "other"} className={inputClass}>
              {CATEGORIES.map((category) => (
                <option key={category} value={category}>
                  {t(`category.${category}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>

      <fieldset aria-describedby={colourError ? colourErrorId : undefined}>
        <legend className="text-sm font-medium text-slate-700">{t("form.colour")}</legend>
        <div className="mt-2 flex flex-wrap gap-2">
          {colours.map((colour) => (
            <label
              key={colour.hex}
              className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-200 bg-white px-2 py-1 text-sm has-[:checked]:border-slate-900 has-[:checked]:ring-1 has-[:checked]:ring-slate-900 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-blue-600"
            >
              <input
                type="radio"
                name="colour"
                value={colour.hex}
                defaultChecked={colour.hex === defaultColour}
                aria-invalid={colourError ? true : undefined}
                className="sr-only"
              />
              <span aria-hidden="true" className="inline-block h-4 w-4 rounded-full" style={{ backgroundColor: colour.hex }} />
              {colour.key === "custom" ? t("colours.custom", { hex: colour.hex }) : t(`colours.${colour.key}`)}
            </label>
          ))}
        </div>
        {colourError ? (
          <p id={colourErrorId} className="mt-1 text-sm text-red-700">
            {colourError}
          </p>
        ) : null}
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          name="actionTemplateId"
          label={t("form.template")}
          hint={t("form.templateHint")}
          error={fieldError("actionTemplateId")}
        >
          {(props) => (
            <select {...props} defaultValue={status?.actionTemplateId ?? ""} className={inputClass}>
              <option value="">{t("form.templateNone")}</option>
              {templateOptions.map((template) => (
                <option key={template.id} value={template.id}>
                  {template.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="sortOrder" label={t("form.sortOrder")} hint={t("form.sortOrderHint")} error={fieldError("sortOrder")}>
          {(props) => (
            <input
              {...props}
              type="number"
              min={0}
              max={9999}
              step={1}
              required
              defaultValue={status?.sortOrder ?? nextSortOrder}
              className={inputClass}
            />
          )}
        </Field>
      </div>

      <div className="flex items-center gap-4">
        <button type="submit" disabled={pending} aria-busy={pending} className={primaryButtonClass}>
          {status ? t("form.save") : t("form.create")}
        </button>
        <FormStatus
          state={state}
          success={status ? t("saved") : t("created", { label: state?.ok ? (state.data.label ?? "") : "" })}
          className="flex-1"
        />
      </div>
    </form>
  );
}
