"use client";

import { useTranslations } from "next-intl";
import { useId, useRef, useState, useTransition } from "react";

import { DialogFooter } from "@/app/_components/DialogFooter";

import { changeStatusAction, type ChangeStatusOutcome } from "../actions";

type Props = {
  customerId: number;
  itemIds: number[];
  /** Active statuses (empty for viewers). */
  statuses: { id: number; label: string }[];
  canAct: boolean;
  /** Today in the organisation's time zone: the earliest promise date. */
  today: string;
  onApplied: (outcome: ChangeStatusOutcome) => void;
};

const FIELD_MESSAGES: Record<string, string> = {
  statusId: "statusRequired",
  promiseDate: "invalidDate",
  comment: "commentTooLong",
  itemIds: "nothingSelected",
};

/**
 * "Change status" and its modal dialog (native <dialog>: modal, focus kept inside, Escape closes,
 * focus returns to the button). What the officer typed stays in the fields when the server refuses.
 */
export function ChangeStatusButton({ customerId, itemIds, statuses, canAct, today, onApplied }: Props) {
  const t = useTranslations("changeStatus");
  const dialogRef = useRef<HTMLDialogElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const ids = { title: useId(), description: useId(), hint: useId(), status: useId(), date: useId(), comment: useId(), error: useId() };
  const [statusId, setStatusId] = useState("");
  const [promiseDate, setPromiseDate] = useState("");
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();

  const disabled = !canAct || itemIds.length === 0;
  const hint = !canAct ? t("cannotAct") : itemIds.length === 0 ? t("nothingSelected") : null;

  function open() {
    setError(null);
    setFieldErrors({});
    dialogRef.current?.showModal();
  }

  function close() {
    dialogRef.current?.close();
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    if (!statusId) {
      setFieldErrors({ statusId: t("statusRequired") });
      setError(null);
      return;
    }
    setError(null);
    setFieldErrors({});
    startTransition(async () => {
      const result = await changeStatusAction(null, { customerId, itemIds, statusId, promiseDate, comment });
      if (result.ok) {
        setStatusId("");
        setPromiseDate("");
        setComment("");
        close();
        onApplied(result.data);
        return;
      }
      const translated: Record<string, string> = {};
      for (const field of Object.keys(result.fieldErrors ?? {})) {
        const key = FIELD_MESSAGES[field];
        if (key) translated[field] = t(key);
      }
      setFieldErrors(translated);
      setError(result.error);
    });
  }

  const fieldError = (field: string, id: string) =>
    fieldErrors[field] ? (
      <p id={id} className="mt-1 text-sm text-red-700">
        {fieldErrors[field]}
      </p>
    ) : null;

  return (
    <div className="flex flex-col items-start">
      <button
        ref={triggerRef}
        type="button"
        onClick={open}
        disabled={disabled}
        aria-haspopup="dialog"
        aria-describedby={hint ? ids.hint : undefined}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-50"
      >
        {t("open")}
      </button>
      {hint ? (
        <span id={ids.hint} className="mt-1 max-w-56 text-xs text-slate-500">
          {hint}
        </span>
      ) : null}

      <dialog
        ref={dialogRef}
        aria-labelledby={ids.title}
        aria-describedby={ids.description}
        aria-modal="true"
        onClose={() => triggerRef.current?.focus()}
        onCancel={(event) => {
          if (pending) event.preventDefault();
        }}
        className="m-auto w-full max-w-md rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <form onSubmit={submit} noValidate className="space-y-4 p-5">
          <div>
            <h2 id={ids.title} className="text-lg font-semibold">
              {t("title")}
            </h2>
            <p id={ids.description} className="mt-1 text-sm text-slate-600">
              {t("description", { count: itemIds.length })}
            </p>
          </div>

          <div>
            <label htmlFor={ids.status} className="block text-sm font-medium text-slate-700">
              {t("status")}
            </label>
            <select
              id={ids.status}
              name="statusId"
              value={statusId}
              onChange={(event) => setStatusId(event.currentTarget.value)}
              required
              aria-invalid={fieldErrors.statusId ? true : undefined}
              aria-describedby={fieldErrors.statusId ? `${ids.status}-error` : undefined}
              className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
            >
              <option value="">{t("chooseStatus")}</option>
              {statuses.map((status) => (
                <option key={status.id} value={status.id}>
                  {status.label}
                </option>
              ))}
            </select>
            {fieldError("statusId", `${ids.status}-error`)}
          </div>

          <div>
            <label htmlFor={ids.date} className="block text-sm font-medium text-slate-700">
              {t("promiseDate")}
            </label>
            <input
              id={ids.date}
              name="promiseDate"
              type="date"
              min={today}
              value={promiseDate}
              onChange={(event) => setPromiseDate(event.currentTarget.value)}
              aria-invalid={fieldErrors.promiseDate ? true : undefined}
              aria-describedby={`${ids.date}-hint${fieldErrors.promiseDate ? ` ${ids.date}-error` : ""}`}
              className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5 text-sm"
            />
            <p id={`${ids.date}-hint`} className="mt-1 text-xs text-slate-500">
              {t("promiseDateHint")}
            </p>
            {fieldError("promiseDate", `${ids.date}-error`)}
          </div>

          <div>
            <label htmlFor={ids.comment} className="block text-sm font-medium text-slate-700">
              {t("comment")}
            </label>
            <textarea
              id={ids.comment}
              name="comment"
              rows={3}
              maxLength={2000}
              value={comment}
              onChange={(event) => setComment(event.currentTarget.value)}
              aria-invalid={fieldErrors.comment ? true : undefined}
              aria-describedby={fieldErrors.comment ? `${ids.comment}-error` : undefined}
              className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
            />
            {fieldError("comment", `${ids.comment}-error`)}
          </div>

          <DialogFooter
            error={error}
            errorId={ids.error}
            pending={pending}
            onCancel={close}
            cancelLabel={t("cancel")}
            submitLabel={pending ? t("applying") : t("apply")}
          />
        </form>
      </dialog>
    </div>
  );
}
