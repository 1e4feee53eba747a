"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, useTransition } from "react";

import type { QuickPromiseUiConfig } from "@/lib/quickPromise";

import { newIdempotencyKey } from "../../../_components/idempotencyKey";
import { applyQuickPromiseAction, undoQuickPromiseAction } from "./actions";

export type QuickPromiseButtonProps = {
  customerId: number;
  /** The selected item ids (may be all matching items across pages). */
  itemIds: number[];
  config: QuickPromiseUiConfig;
  /** False for viewers: the button is shown disabled. */
  canAct: boolean;
  /** Called after a successful application (clear the selection; the page data is revalidated). */
  onApplied: () => void;
};

/** Above this many items a click asks for confirmation first. */
const CONFIRM_ABOVE = 50;
const UNDO_SECONDS = 30;

type Applied = {
  applicationId: number;
  count: number;
  promiseDate: string;
  followUpDueDate: string | null;
};

export function QuickPromiseButton({ customerId, itemIds, config, canAct, onApplied }: QuickPromiseButtonProps) {
  const t = useTranslations("quickPromise");
  const format = useFormatter();
  const router = useRouter();
  const hintId = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [applied, setApplied] = useState<Applied | null>(null);
  const [undone, setUndone] = useState<number | null>(null);
  const [undoLeft, setUndoLeft] = useState(0);

  // The idempotency key names the officer's intent: a new one when the selection changes and after
  // each success, the same one for a double click or a retried request.
  const selection = [...itemIds].sort((a, b) => a - b).join(",");
  const [intent, setIntent] = useState(() => ({ selection, key: newIdempotencyKey() }));
  if (intent.selection !== selection) setIntent({ selection, key: newIdempotencyKey() });

  useEffect(() => {
    if (undoLeft <= 0) return;
    const timer = setTimeout(() => setUndoLeft((left) => left - 1), 1000);
    return () => clearTimeout(timer);
  }, [undoLeft]);

  const disabledReason = !config.configured
    ? t("hintNotConfigured")
    : !canAct
      ? t("hintViewer")
      : itemIds.length === 0
        ? t("hintNoSelection")
        : null;
  const hint =
    disabledReason ??
    (config.configured
      ? t("hintReady", { status: config.statusLabel, delay: config.delayDays, followUp: config.hasFollowUp ? "yes" : "no" })
      : "");

  const apply = () => {
    if (pending || disabledReason) return;
    const key = intent.key;
    setError(null);
    setUndone(null);
    startTransition(async () => {
      const result = await applyQuickPromiseAction(null, { customerId, itemIds, idempotencyKey: key });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      const { applicationId, count, promiseDate, followUpDueDate } = result.data;
      setApplied({ applicationId, count, promiseDate, followUpDueDate });
      setUndoLeft(UNDO_SECONDS);
      setIntent({ selection, key: newIdempotencyKey() });
      onApplied();
      router.refresh();
    });
  };

  const onClick = () => {
    if (itemIds.length > CONFIRM_ABOVE) dialogRef.current?.showModal();
    else apply();
  };

  const undo = () => {
    if (!applied || pending) return;
    setError(null);
    startTransition(async () => {
      const result = await undoQuickPromiseAction(null, { applicationId: applied.applicationId });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setApplied(null);
      setUndoLeft(0);
      setUndone(result.data.count);
      router.refresh();
    });
  };

  const date = (value: string) => (
    <time dateTime={value}>
      {format.dateTime(new Date(`${value}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" })}
    </time>
  );

  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-center gap-2">
        <button
          type="button"
          onClick={onClick}
          disabled={Boolean(disabledReason) || pending}
          aria-describedby={hintId}
          aria-busy={pending}
          className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-blue-800 disabled:cursor-not-allowed disabled:bg-slate-300 disabled:text-slate-600"
        >
          {pending && !applied ? t("applying") : t("button")}
        </button>
      </div>
      <p id={hintId} className="max-w-md text-xs text-slate-600">
        {hint}
      </p>
      {error ? (
        <p className="max-w-md rounded-md bg-red-50 px-2 py-1 text-sm text-red-700" role="alert" aria-live="assertive">
          {error}
        </p>
      ) : null}
      <div role="status" aria-live="polite" className="max-w-md text-sm">
        {applied ? (
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1 rounded-md bg-green-50 px-2 py-1 text-green-900">
            <span className="font-medium">{t("applied", { count: applied.count })}</span>
            <span>{t.rich("promiseDate", { date: () => date(applied.promiseDate) })}</span>
            {applied.followUpDueDate ? <span>{t.rich("followUpDue", { date: () => date(applied.followUpDueDate!) })}</span> : null}
            {undoLeft > 0 ? (
              <button
                type="button"
                onClick={undo}
                disabled={pending}
                className="rounded border border-green-700 px-2 py-0.5 text-xs font-medium text-green-800 hover:bg-green-100"
              >
                {pending ? t("undoing") : `${t("undo")} (${undoLeft})`}
              </button>
            ) : null}
          </div>
        ) : undone !== null ? (
          <span className="rounded-md bg-slate-100 px-2 py-1">{t("undone", { count: undone })}</span>
        ) : null}
      </div>
      <dialog
        ref={dialogRef}
        aria-labelledby={`${hintId}-confirm`}
        className="m-auto max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40"
      >
        <h2 id={`${hintId}-confirm`} className="text-lg font-semibold">
          {t("confirmTitle", { count: itemIds.length })}
        </h2>
        {config.configured ? (
          <p className="mt-2 text-sm text-slate-700">
            {t("confirmBody", { status: config.statusLabel, delay: config.delayDays })}
          </p>
        ) : null}
        <form method="dialog" className="mt-4 flex justify-end gap-2">
          <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
            {t("cancel")}
          </button>
          <button
            type="submit"
            onClick={apply}
            className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800"
          >
            {t("confirm")}
          </button>
        </form>
      </dialog>
    </div>
  );
}
