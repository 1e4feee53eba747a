"use client";

import { useTranslations } from "next-intl";
import { useId, useRef, useState, useTransition } from "react";

import { DialogFooter } from "@/app/_components/DialogFooter";

import { useAnnounce } from "./ActionFeedback";
import { markActionDoneAction } from "./actions";

/** "Mark done" on one open action: a small modal dialog with an optional note and "Confirm". */
export function MarkDoneButton({ actionId, title, canAct }: { actionId: number; title: string; canAct: boolean }) {
  const t = useTranslations("followUps");
  const announce = useAnnounce();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const ids = { title: useId(), note: useId(), error: useId(), hint: useId() };
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setError(null);
    startTransition(async () => {
      const result = await markActionDoneAction(null, { actionId, note });
      if (result.ok) {
        dialogRef.current?.close();
        setNote("");
        announce(t("markedDone", { title }));
      } else {
        setError(result.error);
      }
    });
  }

  return (
    <>
      <button
        ref={triggerRef}
        type="button"
        disabled={!canAct}
        aria-haspopup="dialog"
        aria-describedby={canAct ? undefined : ids.hint}
        onClick={() => {
          setError(null);
          dialogRef.current?.showModal();
        }}
        className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-50"
      >
        {t("markDone")}
      </button>
      {canAct ? null : (
        <span id={ids.hint} className="sr-only">
          {t("cannotAct")}
        </span>
      )}
      <dialog
        ref={dialogRef}
        aria-labelledby={ids.title}
        aria-modal="true"
        onClose={() => triggerRef.current?.focus()}
        onCancel={(event) => {
          if (pending) event.preventDefault();
        }}
        className="m-auto w-full max-w-sm rounded-lg border border-slate-200 p-0 text-left shadow-xl backdrop:bg-slate-900/40"
      >
        <form onSubmit={submit} noValidate className="space-y-4 p-5">
          <h2 id={ids.title} className="text-base font-semibold normal-case tracking-normal">
            {t("markDoneTitle", { title })}
          </h2>
          <div>
            <label htmlFor={ids.note} className="block text-sm font-medium text-slate-700">
              {t("note")}
            </label>
            <textarea
              id={ids.note}
              rows={3}
              maxLength={2000}
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
              placeholder={t("notePlaceholder")}
              className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
            />
          </div>
          <DialogFooter
            error={error}
            errorId={ids.error}
            pending={pending}
            onCancel={() => dialogRef.current?.close()}
            cancelLabel={t("cancel")}
            submitLabel={t("confirm")}
          />
        </form>
      </dialog>
    </>
  );
}
