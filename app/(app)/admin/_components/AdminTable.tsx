/** A column heading; `hidden` keeps it for screen readers only (e.g. a column of buttons). */
export type AdminColumn = { label: string; align?: "right"; hidden?: boolean };

/**
 * The admin lists' table: captioned for assistive technology, one heading row, and an empty-state
 * row spanning every column when there is nothing to show.
 */
export function AdminTable({
  caption,
  columns,
  emptyMessage,
  isEmpty,
  bodyClassName = "",
  children,
}: {
  caption: string;
  columns: AdminColumn[];
  emptyMessage?: string;
  isEmpty?: boolean;
  bodyClassName?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={`px-4 py-2${column.align === "right" ? " text-right" : ""}`}>
                {column.hidden ? <span className="sr-only">{column.label}</span> : column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={`divide-y divide-slate-100 ${bodyClassName}`}>
          {isEmpty && emptyMessage ? (
            <tr>
              <td colSpan={columns.length} className="px-4 py-6 text-center text-slate-500">
                {emptyMessage}
              </td>
            </tr>
          ) : null}
          {children}
        </tbody>
      </table>
    </div>
  );
}
