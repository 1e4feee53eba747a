import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";

import { listActiveActionTemplateOptions } from "@/lib/actionTemplates";
import { listItemStatuses, STATUS_PALETTE } from "@/lib/itemStatuses";
import { requireCapability } from "@/lib/pageGuards";

import { colourName } from "./colourName";
import { StatusForm } from "./StatusForm";
import { AdminTable } from "../_components/AdminTable";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("itemStatuses");
  return { title: t("title") };
}

export default async function ItemStatusesPage({ searchParams }: { searchParams: Promise<{ notice?: string }> }) {
  const actor = await requireCapability("configure");
  const [statuses, templates, { notice }] = await Promise.all([
    listItemStatuses(actor),
    listActiveActionTemplateOptions(actor),
    searchParams,
  ]);
  const t = await getTranslations("itemStatuses");
  const nextSortOrder = Math.min(9999, Math.max(0, ...statuses.map((s) => s.sortOrder)) + 10);

  return (
    <div className="space-y-8">
      <p className="max-w-3xl text-sm text-slate-600">{t("intro")}</p>
      <div role="status">
        {notice === "deleted" ? (
          <p className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">{t("deleted")}</p>
        ) : null}
      </div>

      <AdminTable
        caption={t("tableLabel")}
        columns={[
          { label: t("columns.label") },
          { label: t("columns.category") },
          { label: t("columns.colour") },
          { label: t("columns.template") },
          { label: t("columns.items"), align: "right" },
          { label: t("columns.state") },
          { label: t("columns.actions"), hidden: true },
        ]}
        emptyMessage={t("empty")}
        isEmpty={statuses.length === 0}
      >
        {statuses.map((status) => (
          <tr key={status.id} className={status.archived ? "bg-slate-50 text-slate-500" : undefined}>
            <th scope="row" className="px-4 py-2 text-left font-medium">
              {status.label}
            </th>
            <td className="px-4 py-2">{t(`category.${status.category}`)}</td>
            <td className="px-4 py-2">
              <span className="inline-flex items-center gap-2">
                <span
                  aria-hidden="true"
                  className="inline-block h-3.5 w-3.5 rounded-full ring-1 ring-black/10"
                  style={{ backgroundColor: status.colour }}
                />
                {colourName(status.colour, t)}
              </span>
            </td>
            <td className="px-4 py-2">
              {status.actionTemplate ? (
                <>
                  <Link href={`/admin/action-templates/${status.actionTemplate.id}`} className="text-blue-700 hover:underline">
                    {status.actionTemplate.name}
                  </Link>
                  {status.actionTemplate.archived ? (
                    <span className="ml-1 text-xs text-slate-500">({t("templateArchived")})</span>
                  ) : null}
                </>
              ) : (
                <span className="text-slate-500">{t("noTemplate")}</span>
              )}
            </td>
            <td className="px-4 py-2 text-right tabular-nums">{t("itemCount", { count: status.itemCount })}</td>
            <td className="px-4 py-2">
              <span className="flex flex-wrap gap-1">
                <span
                  className={`rounded-full px-2 py-0.5 text-xs font-medium ${
                    status.archived ? "bg-slate-200 text-slate-700" : "bg-green-100 text-green-800"
                  }`}
                >
                  {status.archived ? t("stateArchived") : t("stateActive")}
                </span>
                {status.isQuickPromiseStatus ? (
                  <span className="rounded-full bg-blue-100 px-2 py-0.5 text-xs font-medium text-blue-800">
                    {t("quickPromiseBadge")}
                  </span>
                ) : null}
              </span>
            </td>
            <td className="px-4 py-2 text-right">
              <Link
                href={`/admin/item-statuses/${status.id}`}
                aria-label={t("editLabel", { label: status.label })}
                className="text-blue-700 hover:underline"
              >
                {t("edit")}
              </Link>
            </td>
          </tr>
        ))}
      </AdminTable>

      <section aria-labelledby="new-status" className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="new-status" className="text-lg font-semibold">
          {t("newTitle")}
        </h2>
        <div className="mt-4">
          <StatusForm
            palette={STATUS_PALETTE.map((c) => ({ key: c.key, hex: c.hex }))}
            templates={templates.map((o) => ({ id: o.id, name: o.name }))}
            nextSortOrder={nextSortOrder}
          />
        </div>
      </section>
    </div>
  );
}
