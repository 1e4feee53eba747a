import Form from "next/form";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";

import { AutoSubmitSelect } from "@/app/_components/AutoSubmitSelect";
import { Money } from "@/app/_components/Money";
import { Pagination } from "@/app/_components/Pagination";
import { TableSkeleton } from "@/app/_components/Skeleton";
import type { Actor } from "@/lib/authz";
import {
  CUSTOMER_SORTS,
  DEFAULT_CUSTOMER_SORT,
  defaultCustomerScope,
  listCustomers,
  parseCustomerListQuery,
  type CustomerListQuery,
} from "@/lib/customers";
import { requireCapability } from "@/lib/pageGuards";

export async function generateMetadata() {
  const t = await getTranslations("customers");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Only what differs from the defaults goes into the URL. */
function linksFor(query: CustomerListQuery, defaultScope: CustomerListQuery["scope"]) {
  const paramsOf = (next: Partial<CustomerListQuery> = {}): Record<string, string | undefined> => {
    const merged = { ...query, ...next };
    return {
      q: merged.search || undefined,
      scope: merged.scope === defaultScope ? undefined : merged.scope,
      sort: merged.sort === DEFAULT_CUSTOMER_SORT ? undefined : merged.sort,
    };
  };
  const hrefOf = (next: Partial<CustomerListQuery>) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(paramsOf(next))) if (value) search.set(key, value);
    const text = search.toString();
    return text ? `/customers?${text}` : "/customers";
  };
  return { paramsOf, hrefOf };
}

/**
 * The heading, filters and search render at once; the results stream in under a skeleton. (A
 * loading.tsx here would also wrap the customer files below, and a customer file that does not
 * exist could then no longer answer with a 404 status.)
 */
export default async function CustomersPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireCapability("read");
  const query = parseCustomerListQuery(await searchParams, actor.role);
  const t = await getTranslations("customers");
  const defaultScope = defaultCustomerScope(actor.role);
  const { hrefOf } = linksFor(query, defaultScope);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <nav aria-label={t("scopeLabel")} className="flex rounded-md border border-slate-300 bg-white p-0.5 text-sm">
          {(["mine", "all"] as const).map((scope) => (
            <Link
              key={scope}
              href={hrefOf({ scope })}
              aria-current={query.scope === scope ? "page" : undefined}
              className={`rounded px-3 py-1.5 font-medium ${
                query.scope === scope ? "bg-blue-700 text-white" : "text-slate-700 hover:bg-slate-100"
              }`}
            >
              {t(`scope.${scope}`)}
            </Link>
          ))}
        </nav>
      </div>

      <Form action="/customers" role="search" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
        {query.scope !== defaultScope ? <input type="hidden" name="scope" value={query.scope} /> : null}
        <div className="min-w-64 flex-1">
          <label htmlFor="customer-search" className="block text-sm font-medium text-slate-700">
            {t("searchLabel")}
          </label>
          <input
            id="customer-search"
            name="q"
            type="search"
            defaultValue={query.search}
            placeholder={t("searchPlaceholder")}
            maxLength={100}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm shadow-sm"
          />
        </div>
        <div>
          <label htmlFor="customer-sort" className="block text-sm font-medium text-slate-700">
            {t("sortLabel")}
          </label>
          <AutoSubmitSelect
            id="customer-sort"
            name="sort"
            defaultValue={query.sort}
            className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            {CUSTOMER_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(`sort.${sort}`)}
              </option>
            ))}
          </AutoSubmitSelect>
        </div>
        <button type="submit" className="rounded-md bg-blue-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-blue-800">
          {t("search")}
        </button>
      </Form>

      <Suspense key={JSON.stringify(query)} fallback={<TableSkeleton rows={10} columns={7} />}>
        <CustomerResults actor={actor} query={query} defaultScope={defaultScope} />
      </Suspense>
    </div>
  );
}

async function CustomerResults({
  actor,
  query,
  defaultScope,
}: {
  actor: Actor;
  query: CustomerListQuery;
  defaultScope: CustomerListQuery["scope"];
}) {
  const list = await listCustomers(actor, query);
  const t = await getTranslations("customers");
  const { paramsOf, hrefOf } = linksFor(query, defaultScope);
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">{t("count", { count: list.total })}</p>
      {list.rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
          <p className="font-medium text-slate-800">
            {query.search ? t("emptySearch", { search: query.search }) : t(query.scope === "mine" ? "emptyMine" : "empty")}
          </p>
          {query.search || query.scope === "mine" ? (
            <Link href={hrefOf({ search: "", scope: "all" })} className="mt-3 inline-block text-sm text-blue-700 underline">
              {t("showAll")}
            </Link>
          ) : null}
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table aria-label={t("tableLabel")} className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2">{t("columns.code")}</th>
                <th scope="col" className="px-4 py-2">{t("columns.name")}</th>
                <th scope="col" className="px-4 py-2">{t("columns.collector")}</th>
                <th scope="col" className="px-4 py-2 text-right" aria-sort={query.sort === "outstanding" ? "descending" : undefined}>
                  {t("columns.outstanding")}
                </th>
                <th scope="col" className="px-4 py-2 text-right" aria-sort={query.sort === "overdue" ? "descending" : undefined}>
                  {t("columns.overdue")}
                </th>
                <th scope="col" className="px-4 py-2 text-right">{t("columns.openItems")}</th>
                <th scope="col" className="px-4 py-2 text-right">{t("columns.oldestOverdue")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {list.rows.map((customer) => (
                <tr key={customer.id} className="hover:bg-slate-50">
                  <td className="px-4 py-2 font-mono text-xs text-slate-600">{customer.code}</td>
                  <td className="px-4 py-2">
                    <Link href={`/customers/${customer.id}`} className="font-medium text-blue-800 hover:underline">
                      {customer.name}
                    </Link>
                  </td>
                  <td className="px-4 py-2 text-slate-700">{customer.collectorName ?? <span className="text-slate-400">{t("unassigned")}</span>}</td>
                  <td className="px-4 py-2 text-right">
                    <Money amount={customer.outstanding} currency={customer.currency} />
                  </td>
                  <td className="px-4 py-2 text-right">
                    <Money amount={customer.overdue} currency={customer.currency} className={customer.overdue > 0 ? "text-red-700" : "text-slate-500"} />
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{customer.openItems}</td>
                  <td className="px-4 py-2 text-right tabular-nums">
                    {customer.oldestOverdueDays === null ? (
                      <span className="text-slate-400">—</span>
                    ) : (
                      t("days", { count: customer.oldestOverdueDays })
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Pagination pathname="/customers" params={paramsOf()} page={list.page} pageCount={list.pageCount} label={t("pagination")} />
    </div>
  );
}
