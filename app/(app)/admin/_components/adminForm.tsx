"use client";

import { startTransition, useActionState, useEffect, useId, useRef, type FormEvent, type ReactNode } from "react";

import type { ActionResult } from "@/lib/serverAction";

export type AdminAction<T> = (previous: unknown, input: FormData) => Promise<ActionResult<T>>;

/**
 * A form bound to an admin server action. Submitting goes through onSubmit (not the form's
 * automatic reset after an action), so what the admin typed stays in place after an error;
 * a creation form can ask to be emptied after a success. After an error, focus moves to the
 * first field in error so keyboard and screen-reader users land on it.
 */
export function useAdminForm<T>(action: AdminAction<T>, options: { resetOnSuccess?: boolean; onSuccess?: (data: T) => void } = {}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [state, dispatch, pending] = useActionState<ActionResult<T> | null, FormData>(action, null);
  const { resetOnSuccess, onSuccess } = options;

  useEffect(() => {
    if (!state) return;
    if (state.ok) {
      if (resetOnSuccess) formRef.current?.reset();
      onSuccess?.(state.data);
    } else {
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
    // Only a new result triggers this, not a new callback identity.
  }, [state]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  };

  const fieldError = (name: string): string | undefined => (state && !state.ok ? state.fieldErrors?.[name] : undefined);

  return { formRef, state, pending, formProps: { ref: formRef, action: dispatch, onSubmit, noValidate: true }, fieldError };
}

export type ControlProps = {
  id: string;
  name: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
};

/** A labelled control with its hint and its error, both tied to it with aria-describedby. */
export function Field({
  name,
  label,
  hint,
  error,
  children,
  className = "",
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: (props: ControlProps) => ReactNode;
  className?: string;
}) {
  const id = `${useId()}-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <div className="mt-1">
        {children({ id, name, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
      </div>
      {error ? (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The form's outcome, announced politely: the success message, or the error when it is not
 * about a single field (those show next to their field and are summarised here too).
 */
export function FormStatus({
  state,
  success,
  className = "",
}: {
  state: ActionResult<unknown> | null;
  success: ReactNode;
  className?: string;
}) {
  return (
    <div role="status" className={className}>
      {state?.ok ? (
        <p className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">{success}</p>
      ) : state ? (
        <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{state.error}</p>
      ) : null}
    </div>
  );
}

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-blue-600 aria-[invalid=true]:border-red-600";

export const primaryButtonClass =
  "rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60";

export const secondaryButtonClass =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-60";

export const dangerButtonClass =
  "rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60";
