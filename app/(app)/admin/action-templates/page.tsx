import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";

import { listActionTemplates } from "@/lib/actionTemplates";
import { requireCapability } from "@/lib/pageGuards";

import { TemplateForm } from "./TemplateForm";
import { AdminTable } from "../_components/AdminTable";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("actionTemplates");
  return { title: t("title") };
}

export default async function ActionTemplatesPage({ searchParams }: { searchParams: Promise<{ notice?: string }> }) {
  const actor = await requireCapability("configure");
  const [templates, { notice }] = await Promise.all([listActionTemplates(actor), searchParams]);
  const t = await getTranslations("actionTemplates");
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("intro")}</p>
      </div>
      <div role="status">
        {notice === "deleted" ? (
          <p className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">{t("deleted")}</p>
        ) : null}
      </div>

      <AdminTable
        caption={t("tableLabel")}
        columns={[
          { label: t("columns.name") },
          { label: t("columns.channel") },
          { label: t("columns.title") },
          { label: t("columns.dueOffset") },
          { label: t("columns.usedBy") },
          { label: t("columns.state") },
          { label: t("columns.actions"), hidden: true },
        ]}
        emptyMessage={t("empty")}
        isEmpty={templates.length === 0}
      >
        {templates.map((template) => (
          <tr key={template.id} className={template.archived ? "bg-slate-50 text-slate-500" : undefined}>
            <th scope="row" className="px-4 py-2 text-left font-medium">
              {template.name}
            </th>
            <td className="px-4 py-2">{t(`channel.${template.channel}`)}</td>
            <td className="px-4 py-2">{template.title}</td>
            <td className="px-4 py-2">{t("dueOffset", { days: template.dueOffsetDays })}</td>
            <td className="px-4 py-2">
              {template.statuses.length === 0 ? (
                <span className="text-slate-500">{t("usedByNone")}</span>
              ) : (
                template.statuses
                  .map((s) => (s.archived ? t("archivedStatus", { label: s.label }) : s.label))
                  .join(", ")
              )}
            </td>
            <td className="px-4 py-2">
              <span
                className={`rounded-full px-2 py-0.5 text-xs font-medium ${
                  template.archived ? "bg-slate-200 text-slate-700" : "bg-green-100 text-green-800"
                }`}
              >
                {template.archived ? t("stateArchived") : t("stateActive")}
              </span>
            </td>
            <td className="px-4 py-2 text-right">
              <Link
                href={`/admin/action-templates/${template.id}`}
                aria-label={t("editLabel", { name: template.name })}
                className="text-blue-700 hover:underline"
              >
                {t("edit")}
              </Link>
            </td>
          </tr>
        ))}
      </AdminTable>

      <section aria-labelledby="new-template" className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="new-template" className="text-lg font-semibold">
          {t("newTitle")}
        </h2>
        <div className="mt-4">
          <TemplateForm />
        </div>
      </section>
    </div>
  );
}
