import Form from "next/form";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";

import { AutoSubmitSelect } from "@/app/_components/AutoSubmitSelect";
import { Pagination } from "@/app/_components/Pagination";
import { can } from "@/lib/authz";
import { parseCustomerId } from "@/lib/customers";
import { listActiveStatuses } from "@/lib/itemStatus";
import { requireCapability } from "@/lib/pageGuards";
import { getQuickPromiseUiConfig } from "@/lib/quickPromise";
import {
  filterKey,
  getStatementPage,
  listStatusOptions,
  parseStatementQuery,
  STATEMENT_SCOPES,
  STATEMENT_SORTS,
  type StatementQuery,
} from "@/lib/statement";

import { StatementWorkspace } from "./StatementWorkspace";

type Props = {
  params: Promise<{ customerId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function RemindersAndDisputesPage({ params, searchParams }: Props) {
  const actor = await requireCapability("read");
  const customerId = parseCustomerId((await params).customerId);
  if (customerId === null) notFound();
  const query = parseStatementQuery(await searchParams);
  const canAct = can(actor, "act");
  const [statement, statusOptions, quickPromiseConfig, activeStatuses] = await Promise.all([
    getStatementPage(actor, { customerId, ...query }),
    listStatusOptions(actor),
    getQuickPromiseUiConfig(actor),
    canAct ? listActiveStatuses(actor) : Promise.resolve([]),
  ]);
  const t = await getTranslations("statement");
  const pathname = `/customers/${customerId}`;
  const paramsOf = (next: Partial<StatementQuery> = {}): Record<string, string | undefined> => {
    const merged = { ...query, ...next };
    return {
      scope: merged.scope === "open" ? undefined : merged.scope,
      status: merged.status === "any" ? undefined : String(merged.status),
      sort: merged.sort === "due_asc" ? undefined : merged.sort,
    };
  };

  return (
    <div className="space-y-3">
      <Form action={pathname} className="flex flex-wrap items-end gap-3" aria-label={t("filtersLabel")}>
        <div>
          <label htmlFor="statement-scope" className="block text-xs font-medium text-slate-600">
            {t("show")}
          </label>
          <AutoSubmitSelect
            id="statement-scope"
            name="scope"
            defaultValue={query.scope}
            className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            {STATEMENT_SCOPES.map((scope) => (
              <option key={scope} value={scope}>
                {t(`scope.${scope}`)}
              </option>
            ))}
          </AutoSubmitSelect>
        </div>
        <div>
          <label htmlFor="statement-status" className="block text-xs font-medium text-slate-600">
            {t("statusFilter")}
          </label>
          <AutoSubmitSelect
            id="statement-status"
            name="status"
            defaultValue={String(query.status)}
            className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            <option value="any">{t("anyStatus")}</option>
            <option value="none">{t("noStatus")}</option>
            {statusOptions.map((status) => (
              <option key={status.id} value={status.id}>
                {status.archived ? t("archivedStatus", { label: status.label }) : status.label}
              </option>
            ))}
          </AutoSubmitSelect>
        </div>
        <div>
          <label htmlFor="statement-sort" className="block text-xs font-medium text-slate-600">
            {t("sortLabel")}
          </label>
          <AutoSubmitSelect
            id="statement-sort"
            name="sort"
            defaultValue={query.sort}
            className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            {STATEMENT_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(`sort.${sort}`)}
              </option>
            ))}
          </AutoSubmitSelect>
        </div>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100">
          {t("applyFilters")}
        </button>
        <p className="ml-auto text-sm text-slate-600">{t("count", { count: statement.total })}</p>
      </Form>

      <StatementWorkspace
        customerId={customerId}
        filter={{ scope: query.scope, status: query.status }}
        filterKey={filterKey(query)}
        rows={statement.rows}
        selectableTotal={statement.selectableTotal}
        emptyMessage={query.scope === "open" && query.status === "any" ? t("emptyOpen") : t("empty")}
        canAct={canAct}
        statuses={activeStatuses.map(({ id, label }) => ({ id, label }))}
        today={statement.today}
        quickPromiseConfig={quickPromiseConfig}
      />

      <Pagination pathname={pathname} params={paramsOf()} page={statement.page} pageCount={statement.pageCount} label={t("pagination")} />
    </div>
  );
}
