import Link from "next/link";
import { useTranslations } from "next-intl";

import { CalendarDateText, DateTimeText } from "@/app/_components/CalendarDateText";
import { Pagination } from "@/app/_components/Pagination";
import { ACTION_SCOPES, ACTION_STATE_FILTERS, type ActionListPage, type ActionListQuery, type ActionScope } from "@/lib/followUps";

import { ActionFeedback } from "./ActionFeedback";
import { MarkDoneButton } from "./MarkDoneButton";

/**
 * The to-do list with its filters (links, so the URL keeps them) and pagination: the /actions page
 * and a customer file's Actions tab.
 */
export function ActionsList({
  list,
  query,
  defaultScope,
  pathname,
  canAct,
  showCustomer,
}: {
  list: ActionListPage;
  query: ActionListQuery;
  defaultScope: ActionScope;
  pathname: string;
  canAct: boolean;
  showCustomer: boolean;
}) {
  const t = useTranslations("followUps");
  const tChannels = useTranslations("channels");
  const tStates = useTranslations("actionStates");

  const paramsOf = (next: Partial<ActionListQuery> = {}) => {
    const merged = { ...query, ...next };
    return {
      scope: merged.scope === defaultScope ? undefined : merged.scope,
      state: merged.state === "open" ? undefined : merged.state,
    };
  };
  const hrefOf = (next: Partial<ActionListQuery>) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(paramsOf(next))) if (value) search.set(key, value);
    const text = search.toString();
    return text ? `${pathname}?${text}` : pathname;
  };
  const pill = (active: boolean) =>
    `rounded px-3 py-1.5 font-medium ${active ? "bg-blue-700 text-white" : "text-slate-700 hover:bg-slate-100"}`;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <nav aria-label={t("scopeLabel")} className="flex rounded-md border border-slate-300 bg-white p-0.5 text-sm">
          {ACTION_SCOPES.map((scope) => (
            <Link key={scope} href={hrefOf({ scope })} aria-current={query.scope === scope ? "page" : undefined} className={pill(query.scope === scope)}>
              {t(`scope.${scope}`)}
            </Link>
          ))}
        </nav>
        <nav aria-label={t("stateLabel")} className="flex rounded-md border border-slate-300 bg-white p-0.5 text-sm">
          {ACTION_STATE_FILTERS.map((state) => (
            <Link key={state} href={hrefOf({ state })} aria-current={query.state === state ? "page" : undefined} className={pill(query.state === state)}>
              {t(`stateFilter.${state}`)}
            </Link>
          ))}
        </nav>
        <p className="ml-auto text-sm text-slate-600">{t("count", { count: list.total })}</p>
      </div>

      <ActionFeedback>
        {list.rows.length === 0 ? (
          <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center text-slate-700">
            {t(query.state === "overdue" ? "emptyOverdue" : "empty")}
          </div>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table aria-label={t("tableLabel")} className="min-w-full text-sm">
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">{t("columns.dueDate")}</th>
                  {showCustomer ? <th scope="col" className="px-3 py-2">{t("columns.customer")}</th> : null}
                  <th scope="col" className="px-3 py-2">{t("columns.title")}</th>
                  <th scope="col" className="px-3 py-2">{t("columns.channel")}</th>
                  <th scope="col" className="px-3 py-2">{t("columns.assignee")}</th>
                  <th scope="col" className="px-3 py-2">{t("columns.state")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("columns.items")}</th>
                  <th scope="col" className="px-3 py-2">
                    <span className="sr-only">{t("columns.followUp")}</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {list.rows.map((action) => (
                  <tr key={action.id} className={action.overdue ? "bg-red-50/60" : "hover:bg-slate-50"}>
                    <td className="px-3 py-2">
                      <span className={`inline-flex items-center gap-2 ${action.overdue ? "font-semibold text-red-800" : ""}`}>
                        <CalendarDateText date={action.dueDate} />
                        {action.overdue ? (
                          <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold uppercase text-red-800">{t("overdue")}</span>
                        ) : null}
                      </span>
                    </td>
                    {showCustomer ? (
                      <td className="px-3 py-2">
                        <Link href={`/customers/${action.customer.id}`} className="font-medium text-blue-800 hover:underline">
                          {action.customer.name}
                        </Link>
                      </td>
                    ) : null}
                    <td className="px-3 py-2">
                      {action.title}
                      {action.completionNote ? <p className="mt-0.5 text-xs text-slate-600">{t("noteShown", { note: action.completionNote })}</p> : null}
                    </td>
                    <td className="px-3 py-2">{tChannels(action.channel)}</td>
                    <td className="px-3 py-2">{action.assigneeName}</td>
                    <td className="px-3 py-2">
                      {tStates(action.state)}
                      {action.completedAt ? (
                        <p className="text-xs text-slate-600">
                          {t.rich("completed", {
                            name: action.completedByName ?? "",
                            date: () => <DateTimeText value={action.completedAt!} />,
                          })}
                        </p>
                      ) : null}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{action.linkedItems}</td>
                    <td className="px-3 py-2 text-right">
                      {action.state === "open" ? <MarkDoneButton actionId={action.id} title={action.title} canAct={canAct} /> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ActionFeedback>

      <Pagination pathname={pathname} params={paramsOf()} page={list.page} pageCount={list.pageCount} label={t("pagination")} />
    </div>
  );
}
