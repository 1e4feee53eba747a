"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, useTransition } from "react";

import { CalendarDateText } from "@/app/_components/CalendarDateText";
import { Money } from "@/app/_components/Money";
import { StatusBadge } from "@/app/_components/StatusBadge";
import type { QuickPromiseUiConfig } from "@/lib/quickPromise";
import type { StatementFilter, StatementRow } from "@/lib/statement";

import { selectAllMatchingAction, type ChangeStatusOutcome } from "../actions";
import { ChangeStatusButton } from "./ChangeStatusButton";
import { QuickPromiseButton, QuickPromiseNotice, type QuickPromiseApplied } from "./QuickPromiseButton";
import { useSelection } from "./SelectionContext";

/** Matches MAX_ITEMS_PER_OPERATION in lib/itemStatus.ts (kept out of the client bundle). */
const MAX_SELECTION = 5_000;

type Props = {
  customerId: number;
  filter: StatementFilter;
  filterKey: string;
  rows: StatementRow[];
  /** Selectable items matching the filter, on every page. */
  selectableTotal: number;
  emptyMessage: string;
  canAct: boolean;
  statuses: { id: number; label: string }[];
  today: string;
  quickPromiseConfig: QuickPromiseUiConfig;
};

/** The Reminders and disputes tab's interactive part: toolbar, selection bar and the account statement. */
export function StatementWorkspace(props: Props) {
  const { customerId, filter, filterKey, rows, selectableTotal, canAct, statuses, today, quickPromiseConfig } = props;
  const t = useTranslations("statement");
  const tChange = useTranslations("changeStatus");
  const tQuick = useTranslations("quickPromise");
  const format = useFormatter();
  const selection = useSelection(filterKey);
  // One status region for the page: the last operation's confirmation.
  const [notice, setNotice] = useState<
    { kind: "text"; text: string } | { kind: "quickPromise"; applied: QuickPromiseApplied } | null
  >(null);
  const [selectError, setSelectError] = useState<string | null>(null);
  const [selectingAll, startSelectAll] = useTransition();

  const selectableRows = rows.filter((row) => row.selectable);
  const selectedOnPage = selectableRows.filter((row) => selection.ids.has(row.id)).length;
  const count = selection.ids.size;

  function onStatusChanged(outcome: ChangeStatusOutcome) {
    selection.clear();
    setNotice({
      kind: "text",
      text: outcome.followUpDueDate
        ? tChange("doneWithFollowUp", {
            count: outcome.count,
            date: format.dateTime(new Date(`${outcome.followUpDueDate}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" }),
          })
        : tChange("done", { count: outcome.count }),
    });
  }

  function onQuickPromiseApplied(applied: QuickPromiseApplied) {
    selection.clear();
    setNotice({ kind: "quickPromise", applied });
  }

  function selectAllMatching() {
    setSelectError(null);
    startSelectAll(async () => {
      const result = await selectAllMatchingAction(null, { customerId, scope: filter.scope, status: filter.status });
      if (result.ok) selection.selectAllMatching(result.data.ids, result.data.totals);
      else setSelectError(result.error);
    });
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-start gap-3">
        <QuickPromiseButton
          customerId={customerId}
          itemIds={selection.selectedIds}
          config={quickPromiseConfig}
          canAct={canAct}
          onApplied={onQuickPromiseApplied}
        />
        <ChangeStatusButton
          customerId={customerId}
          itemIds={selection.selectedIds}
          statuses={statuses}
          canAct={canAct}
          today={today}
          onApplied={onStatusChanged}
        />
        <div role="status" className="self-center text-sm font-medium text-emerald-800">
          {notice?.kind === "quickPromise" ? (
            <QuickPromiseNotice
              key={notice.applied.applicationId}
              applied={notice.applied}
              onUndone={(count) => setNotice({ kind: "text", text: tQuick("undone", { count }) })}
            />
          ) : (
            notice?.text
          )}
        </div>
      </div>

      <section
        aria-label={t("selectionLabel")}
        className={`flex flex-wrap items-center gap-x-4 gap-y-2 rounded-md border px-3 py-2 text-sm ${
          count > 0 ? "border-blue-200 bg-blue-50" : "border-slate-200 bg-white"
        }`}
      >
        <span aria-live="polite" className="font-medium">
          {t("selected", { count })}
          {count > 0 ? (
            <>
              {" · "}
              {t("selectedTotal")}{" "}
              {Object.entries(selection.totals)
                .filter(([, amount]) => amount !== 0)
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([currency, amount], index) => (
                  <span key={currency}>
                    {index > 0 ? " + " : null}
                    <Money amount={amount} currency={currency} />
                  </span>
                ))}
            </>
          ) : null}
        </span>
        {selectableTotal > 0 && !(selection.allMatching && count === selectableTotal) ? (
          selectableTotal <= MAX_SELECTION ? (
            <button
              type="button"
              onClick={selectAllMatching}
              disabled={selectingAll}
              aria-busy={selectingAll}
              className="font-medium text-blue-800 underline decoration-dotted underline-offset-2 hover:decoration-solid disabled:opacity-60"
            >
              {selectingAll ? t("selectingAll") : t("selectAllMatching", { count: selectableTotal })}
            </button>
          ) : (
            <span className="text-slate-600">{t("tooManyToSelect", { max: MAX_SELECTION })}</span>
          )
        ) : null}
        {count > 0 ? (
          <button type="button" onClick={selection.clear} className="text-slate-700 underline underline-offset-2">
            {t("clearSelection")}
          </button>
        ) : null}
        {selectError ? <span className="text-red-700">{selectError}</span> : null}
      </section>

      {rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center text-slate-700">
          {props.emptyMessage}
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table aria-label={t("tableLabel")} className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="w-10 px-3 py-2">
                  <PageCheckbox
                    label={t("selectPage")}
                    checked={selectableRows.length > 0 && selectedOnPage === selectableRows.length}
                    indeterminate={selectedOnPage > 0 && selectedOnPage < selectableRows.length}
                    disabled={selectableRows.length === 0}
                    onChange={(checked) => selection.setItems(selectableRows, checked)}
                  />
                </th>
                <th scope="col" className="px-3 py-2">{t("columns.documentNumber")}</th>
                <th scope="col" className="px-3 py-2">{t("columns.type")}</th>
                <th scope="col" className="px-3 py-2">{t("columns.documentDate")}</th>
                <th scope="col" className="px-3 py-2">{t("columns.dueDate")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("columns.daysOverdue")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("columns.amount")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("columns.outstanding")}</th>
                <th scope="col" className="px-3 py-2">{t("columns.status")}</th>
                <th scope="col" className="px-3 py-2">{t("columns.promiseDate")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <StatementTableRow
                  key={row.id}
                  row={row}
                  selected={selection.ids.has(row.id)}
                  onToggle={(checked) => selection.setItems([row], checked)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function StatementTableRow({ row, selected, onToggle }: { row: StatementRow; selected: boolean; onToggle: (checked: boolean) => void }) {
  const t = useTranslations("statement");
  const tTypes = useTranslations("itemTypes");
  const reasonId = useId();
  return (
    <tr className={selected ? "bg-blue-50" : "hover:bg-slate-50"}>
      <td className="px-3 py-2">
        {row.selectable ? (
          <input
            type="checkbox"
            aria-label={t("selectRow", { documentNumber: row.documentNumber })}
            checked={selected}
            onChange={(event) => onToggle(event.currentTarget.checked)}
            className="h-4 w-4 rounded border-slate-300 accent-blue-700"
          />
        ) : (
          <>
            <input
              type="checkbox"
              aria-label={t("selectRow", { documentNumber: row.documentNumber })}
              aria-describedby={reasonId}
              disabled
              checked={false}
              readOnly
              className="h-4 w-4 cursor-not-allowed opacity-30"
            />
            <span id={reasonId} className="sr-only">
              {t("notSelectable")}
            </span>
          </>
        )}
      </td>
      <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{row.documentNumber}</td>
      <td className="whitespace-nowrap px-3 py-2">{tTypes(row.type)}</td>
      <td className="px-3 py-2">
        <CalendarDateText date={row.documentDate} />
      </td>
      <td className="px-3 py-2">
        <CalendarDateText date={row.dueDate} />
      </td>
      <td className={`px-3 py-2 text-right tabular-nums ${row.daysOverdue > 0 ? "font-medium text-red-700" : "text-slate-400"}`}>
        {row.daysOverdue > 0 ? row.daysOverdue : "—"}
      </td>
      <td className="px-3 py-2 text-right">
        <Money amount={row.amount} currency={row.currency} />
      </td>
      <td className="px-3 py-2 text-right">
        <Money amount={row.outstanding} currency={row.currency} className={row.outstanding === 0 ? "text-slate-400" : "font-medium"} />
      </td>
      <td className="px-3 py-2">
        {row.status ? <StatusBadge label={row.status.label} colour={row.status.colour} /> : <span className="text-slate-400">—</span>}
      </td>
      <td className="px-3 py-2">{row.promiseDate ? <CalendarDateText date={row.promiseDate} /> : <span className="text-slate-400">—</span>}</td>
    </tr>
  );
}

function PageCheckbox(props: {
  label: string;
  checked: boolean;
  indeterminate: boolean;
  disabled: boolean;
  onChange: (checked: boolean) => void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = props.indeterminate;
  }, [props.indeterminate]);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label={props.label}
      checked={props.checked}
      disabled={props.disabled}
      onChange={(event) => props.onChange(event.currentTarget.checked)}
      className="h-4 w-4 rounded border-slate-300 accent-blue-700"
    />
  );
}
