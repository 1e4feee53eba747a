import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";

import { listAuditLog } from "@/lib/auditLog";
import { requireCapability } from "@/lib/pageGuards";

import { AuditChanges } from "./AuditChanges";
import { AdminTable } from "../_components/AdminTable";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("audit");
  return { title: t("title") };
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  const actor = await requireCapability("configure");
  const { page: pageParam } = await searchParams;
  const requested = Number(Array.isArray(pageParam) ? pageParam[0] : pageParam);
  const { entries, page, pageCount, total } = await listAuditLog(actor, {
    page: Number.isInteger(requested) && requested > 0 ? requested : 1,
  });
  const t = await getTranslations("audit");
  const tCommon = await getTranslations("common");
  const format = await getFormatter();
  const eventName = (event: string) => {
    const key = `events.${event.replace(/\./g, "_")}`;
    return t.has(key) ? t(key) : event;
  };

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("intro")}</p>
        <p className="mt-1 text-sm text-slate-500">{t("summary", { total })}</p>
      </div>
      <AdminTable
        caption={t("tableLabel")}
        columns={[
          { label: t("columns.when") },
          { label: t("columns.who") },
          { label: t("columns.event") },
          { label: t("columns.entity") },
          { label: t("columns.changes") },
        ]}
        emptyMessage={t("empty")}
        isEmpty={entries.length === 0}
        bodyClassName="align-top"
      >
        {entries.map((entry) => (
          <tr key={entry.id}>
            <td className="px-4 py-2 whitespace-nowrap">
              <time dateTime={entry.occurredAt.toISOString()}>
                {format.dateTime(entry.occurredAt, { dateStyle: "medium", timeStyle: "medium" })}
              </time>
            </td>
            <td className="px-4 py-2">
              {entry.actor ? (
                <>
                  {entry.actor.name}
                  <span className="block text-xs text-slate-500">{entry.actor.email}</span>
                </>
              ) : (
                <span className="text-slate-500">{t("system")}</span>
              )}
            </td>
            <td className="px-4 py-2">
              {eventName(entry.event)}
              <span className="block font-mono text-xs text-slate-500">{entry.event}</span>
            </td>
            <td className="px-4 py-2 whitespace-nowrap">
              {entry.entity ? `${entry.entity}${entry.entityId ? ` #${entry.entityId}` : ""}` : "—"}
            </td>
            <td className="px-4 py-2">
              <AuditChanges before={entry.before} after={entry.after} />
            </td>
          </tr>
        ))}
      </AdminTable>
      {pageCount > 1 ? (
        <nav aria-label={t("pagination")} className="flex items-center justify-between text-sm">
          {page > 1 ? (
            <Link href={`/admin/audit?page=${page - 1}`} className="text-blue-700 hover:underline" rel="prev">
              ← {tCommon("previous")}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-slate-600">{tCommon("pageOf", { page, pages: pageCount })}</span>
          {page < pageCount ? (
            <Link href={`/admin/audit?page=${page + 1}`} className="text-blue-700 hover:underline" rel="next">
              {tCommon("next")} →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}
