import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";

import { CalendarDateText, DateTimeText } from "@/app/_components/CalendarDateText";
import { Pagination } from "@/app/_components/Pagination";
import { StatusBadge } from "@/app/_components/StatusBadge";
import { parseCustomerId } from "@/lib/customers";
import { getCustomerHistory, getOperationItems, type HistoryEntry, type HistoryStatus, type OperationItem } from "@/lib/history";
import { requireCapability } from "@/lib/pageGuards";

type Props = {
  params: Promise<{ customerId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The History tab: one entry per operation (all its items), newest first. */
export default async function CustomerHistoryPage({ params, searchParams }: Props) {
  const actor = await requireCapability("read");
  const customerId = parseCustomerId((await params).customerId);
  if (customerId === null) notFound();
  const search = await searchParams;
  const pageParam = Number(first(search.page));
  const page = Number.isInteger(pageParam) && pageParam >= 1 && pageParam <= 1_000_000 ? pageParam : 1;
  const expand = first(search.expand) ?? null;
  const [history, expandedItems] = await Promise.all([
    getCustomerHistory(actor, { customerId, page }),
    expand ? getOperationItems(actor, { customerId, operationId: expand }) : Promise.resolve([]),
  ]);
  const t = await getTranslations("history");
  const tSources = await getTranslations("eventSources");
  const pathname = `/customers/${customerId}/history`;
  const hrefWith = (operationId: string | null) => {
    const query = new URLSearchParams();
    if (page > 1) query.set("page", String(page));
    if (operationId) query.set("expand", operationId);
    const text = query.toString();
    return `${pathname}${text ? `?${text}` : ""}${operationId ? `#op-${operationId}` : ""}`;
  };

  const statusText = (status: HistoryStatus | null) =>
    status ? <StatusBadge label={status.label} colour={status.colour} /> : <span className="text-slate-500">{t("noStatus")}</span>;
  const dateText = (date: string | null) => (date ? <CalendarDateText date={date} /> : <span className="text-slate-500">{t("noDate")}</span>);
  const change = (before: React.ReactNode, after: React.ReactNode) => (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      {before}
      <span aria-label={t("changedTo")}>→</span>
      {after}
    </span>
  );

  if (history.entries.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center text-slate-700">
        {history.page > 1 ? t("emptyPage") : t("empty")}
      </div>
    );
  }

  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">{t("count", { count: history.total })}</p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table aria-label={t("tableLabel")} className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">{t("columns.when")}</th>
              <th scope="col" className="px-3 py-2">{t("columns.who")}</th>
              <th scope="col" className="px-3 py-2">{t("columns.items")}</th>
              <th scope="col" className="px-3 py-2">{t("columns.status")}</th>
              <th scope="col" className="px-3 py-2">{t("columns.promiseDate")}</th>
              <th scope="col" className="px-3 py-2">{t("columns.source")}</th>
              <th scope="col" className="px-3 py-2">{t("columns.comment")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {history.entries.map((entry) => {
              const expanded = expand === entry.operationId;
              return (
                <tr key={entry.operationId} id={`op-${entry.operationId}`}>
                  <td className="px-3 py-2">
                    <DateTimeText value={entry.occurredAt} />
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">{entry.actorName}</td>
                  <td className="px-3 py-2">
                    {itemsCell(entry, expanded ? expandedItems : null)}
                  </td>
                  <td className="px-3 py-2">
                    {change(
                      entry.oldStatuses.length === 1 ? statusText(entry.oldStatuses[0]!) : <span className="text-slate-500">{t("several")}</span>,
                      statusText(entry.newStatus),
                    )}
                  </td>
                  <td className="px-3 py-2">
                    {change(
                      entry.oldPromiseDates.length === 1 ? dateText(entry.oldPromiseDates[0]!) : <span className="text-slate-500">{t("several")}</span>,
                      dateText(entry.newPromiseDate),
                    )}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">{tSources(entry.source)}</td>
                  <td className="max-w-xs px-3 py-2 whitespace-pre-line break-words">{entry.comment ?? <span className="text-slate-400">—</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Pagination pathname={pathname} params={{}} page={history.page} pageCount={history.pageCount} label={t("pagination")} />
    </div>
  );

  /** The entry's items: the first few document numbers, or every item when expanded. */
  function itemsCell(entry: HistoryEntry, items: OperationItem[] | null) {
    const hidden = entry.itemCount - entry.documentNumbers.length;
    if (items && items.length > 0) {
      return (
        <div>
          <p className="font-medium">{t("itemCount", { count: entry.itemCount })}</p>
          <ul aria-label={t("itemsOf", { count: entry.itemCount })} className="mt-1 max-h-64 space-y-0.5 overflow-y-auto pr-2 font-mono text-xs">
            {items.map((item) => (
              <li key={item.itemId} className="flex flex-wrap items-center gap-x-2">
                <span>{item.documentNumber}</span>
                {entry.oldStatuses.length > 1 || entry.oldPromiseDates.length > 1 ? (
                  <span className="font-sans text-slate-600">
                    {change(statusText(item.oldStatus), statusText(item.newStatus))}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
          <Link href={hrefWith(null)} className="mt-1 inline-block text-xs text-blue-700 underline">
            {t("showFewer")}
          </Link>
        </div>
      );
    }
    return (
      <div>
        <ul className="font-mono text-xs">
          {entry.documentNumbers.map((number) => (
            <li key={number}>{number}</li>
          ))}
        </ul>
        {hidden > 0 ? (
          <>
            <p className="text-xs text-slate-600">{t("andMore", { count: hidden })}</p>
            <Link href={hrefWith(entry.operationId)} className="text-xs text-blue-700 underline">
              {t("showAll", { count: entry.itemCount })}
            </Link>
          </>
        ) : entry.oldStatuses.length > 1 || entry.oldPromiseDates.length > 1 ? (
          <Link href={hrefWith(entry.operationId)} className="text-xs text-blue-700 underline">
            {t("showDetails")}
          </Link>
        ) : null}
      </div>
    );
  }
}
