"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, useTransition } from "react";

import { newIdempotencyKey } from "@/app/_components/idempotencyKey";
import type { QuickPromiseUiConfig } from "@/lib/quickPromise";

import { applyQuickPromiseAction, undoQuickPromiseAction } from "../actions";

/** What the confirmation shows after a Quick Promise. */
export type QuickPromiseApplied = {
  applicationId: number;
  count: number;
  promiseDate: string;
  followUpDueDate: string | null;
};

export type QuickPromiseButtonProps = {
  customerId: number;
  /** The selected item ids (may be all matching items across pages). */
  itemIds: number[];
  config: QuickPromiseUiConfig;
  /** False for viewers: the button is shown disabled. */
  canAct: boolean;
  /** After a successful application: show the confirmation, clear the selection. */
  onApplied: (applied: QuickPromiseApplied) => void;
};

/** Above this many items a click asks for confirmation first. */
const CONFIRM_ABOVE = 50;

/**
 * The Quick Promise button: one click applies the configured status and promise date to the
 * selection. Shows progress and cannot double-submit; errors appear next to it.
 */
export function QuickPromiseButton({ customerId, itemIds, config, canAct, onApplied }: QuickPromiseButtonProps) {
  const t = useTranslations("quickPromise");
  const router = useRouter();
  const hintId = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  // The idempotency key names the officer's intent: a new one when the selection changes and after
  // each success, the same one for a double click or a retried request.
  const selection = [...itemIds].sort((a, b) => a - b).join(",");
  const [intent, setIntent] = useState(() => ({ selection, key: newIdempotencyKey() }));
  if (intent.selection !== selection) setIntent({ selection, key: newIdempotencyKey() });

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
    startTransition(async () => {
      const result = await applyQuickPromiseAction(null, { customerId, itemIds, idempotencyKey: key });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      const { applicationId, count, promiseDate, followUpDueDate } = result.data;
      setIntent({ selection, key: newIdempotencyKey() });
      onApplied({ applicationId, count, promiseDate, followUpDueDate });
      router.refresh();
    });
  };

  return (
    <div className="flex max-w-md flex-col gap-1">
      <button
        type="button"
        onClick={() => (itemIds.length > CONFIRM_ABOVE ? dialogRef.current?.showModal() : apply())}
        disabled={Boolean(disabledReason) || pending}
        aria-describedby={hintId}
        aria-busy={pending}
        className="self-start rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-blue-800 disabled:cursor-not-allowed disabled:bg-slate-300 disabled:text-slate-600"
      >
        {pending ? t("applying") : t("button")}
      </button>
      <p id={hintId} className="text-xs text-slate-600">
        {hint}
      </p>
      {error ? <p className="rounded-md bg-red-50 px-2 py-1 text-sm text-red-700">{error}</p> : null}
      <dialog
        ref={dialogRef}
        aria-labelledby={`${hintId}-confirm`}
        className="m-auto max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40"
      >
        <h2 id={`${hintId}-confirm`} className="text-lg font-semibold">
          {t("confirmTitle", { count: itemIds.length })}
        </h2>
        {config.configured ? (
          <p className="mt-2 text-sm text-slate-700">{t("confirmBody", { status: config.statusLabel, delay: config.delayDays })}</p>
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

const UNDO_SECONDS = 30;

/** The confirmation of a Quick Promise, with Undo for 30 seconds. Rendered inside the page's status region. */
export function QuickPromiseNotice({ applied, onUndone }: { applied: QuickPromiseApplied; onUndone: (count: number) => void }) {
  const t = useTranslations("quickPromise");
  const format = useFormatter();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [secondsLeft, setSecondsLeft] = useState(UNDO_SECONDS);

  useEffect(() => {
    if (secondsLeft <= 0) return;
    const timer = setTimeout(() => setSecondsLeft((left) => left - 1), 1000);
    return () => clearTimeout(timer);
  }, [secondsLeft]);

  const undo = () => {
    if (pending) return;
    setError(null);
    startTransition(async () => {
      const result = await undoQuickPromiseAction(null, { applicationId: applied.applicationId });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      onUndone(result.data.count);
      router.refresh();
    });
  };

  // The visible date follows the user's language; <time dateTime> keeps the calendar date.
  const dated = (key: "promiseDate" | "followUpDue", value: string) =>
    t.rich(key, {
      date: format.dateTime(new Date(`${value}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" }),
      time: (chunks) => <time dateTime={value}>{chunks}</time>,
    });

  return (
    <span className="flex flex-wrap items-center gap-x-2 gap-y-1 rounded-md bg-green-50 px-2 py-1 text-green-900">
      <span className="font-medium">{t("applied", { count: applied.count })}</span>
      <span>{dated("promiseDate", applied.promiseDate)}</span>
      {applied.followUpDueDate ? <span>{dated("followUpDue", applied.followUpDueDate!)}</span> : null}
      {secondsLeft > 0 ? (
        <button
          type="button"
          onClick={undo}
          disabled={pending}
          className="rounded border border-green-700 px-2 py-0.5 text-xs font-medium text-green-800 hover:bg-green-100"
        >
          {pending ? t("undoing") : t("undoCountdown", { seconds: secondsLeft })}
        </button>
      ) : null}
      {error ? <span className="text-red-700">{error}</span> : null}
    </span>
  );
}
