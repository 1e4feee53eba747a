/** The bottom of a form dialog: the refusal (if any), Cancel, and the submit button with progress. */
export function DialogFooter({
  error,
  errorId,
  pending,
  onCancel,
  cancelLabel,
  submitLabel,
}: {
  error: string | null;
  errorId: string;
  pending: boolean;
  onCancel: () => void;
  cancelLabel: string;
  submitLabel: string;
}) {
  return (
    <>
      {error ? (
        <p id={errorId} role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <button
          type="button"
          onClick={onCancel}
          disabled={pending}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100"
        >
          {cancelLabel}
        </button>
        <button
          type="submit"
          disabled={pending}
          aria-busy={pending}
          aria-describedby={error ? errorId : undefined}
          className="rounded-md bg-blue-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
        >
          {submitLabel}
        </button>
      </div>
    </>
  );
}
