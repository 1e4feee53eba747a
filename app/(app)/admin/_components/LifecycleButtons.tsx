"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";

import { dangerButtonClass, FormStatus, secondaryButtonClass, useAdminForm, type AdminAction } from "./adminForm";

/** One button that runs an admin action on a record (archive, restore…), with its outcome beside it. */
export function RecordActionButton<T>({
  id,
  action,
  label,
  accessibleName,
  success,
  danger = false,
}: {
  id: number;
  action: AdminAction<T>;
  label: string;
  accessibleName?: string;
  success: (data: T) => string;
  danger?: boolean;
}) {
  const { state, pending, formProps } = useAdminForm(action);
  const statusId = `${useId()}-status`;
  return (
    <form {...formProps} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        disabled={pending}
        aria-busy={pending}
        aria-label={accessibleName}
        aria-describedby={statusId}
        className={danger ? dangerButtonClass : secondaryButtonClass}
      >
        {label}
      </button>
      <div id={statusId} className="min-w-0 flex-1">
        <FormStatus state={state} success={state?.ok ? success(state.data) : ""} />
      </div>
    </form>
  );
}

/** Delete in two steps (ask, then confirm); on success the action sends the admin back to the list. */
export function DeleteRecordButton({
  id,
  action,
  label,
  question,
  confirmLabel,
}: {
  id: number;
  action: AdminAction<unknown>;
  label: string;
  question: string;
  confirmLabel: string;
}) {
  const t = useTranslations("common");
  const [asking, setAsking] = useState(false);
  const { state, pending, formProps } = useAdminForm(action);
  const statusId = `${useId()}-status`;
  if (!asking) {
    return (
      <button type="button" onClick={() => setAsking(true)} className={dangerButtonClass}>
        {label}
      </button>
    );
  }
  return (
    <form {...formProps} className="space-y-2" aria-describedby={statusId}>
      <input type="hidden" name="id" value={id} />
      <p className="text-sm text-slate-800">{question}</p>
      <div className="flex gap-2">
        <button type="submit" disabled={pending} aria-busy={pending} className={dangerButtonClass}>
          {confirmLabel}
        </button>
        <button type="button" onClick={() => setAsking(false)} className={secondaryButtonClass}>
          {t("cancel")}
        </button>
      </div>
      <div id={statusId}>
        <FormStatus state={state && !state.ok ? state : null} success="" />
      </div>
    </form>
  );
}
