import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";

import { listAuditLog } from "@/lib/auditLog";
import { requireCapability } from "@/lib/pageGuards";

import { AuditChanges } from "./AuditChanges";

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
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{t("tableLabel")}</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
            <tr>
              <th scope="col" className="px-4 py-2">{t("columns.when")}</th>
              <th scope="col" className="px-4 py-2">{t("columns.who")}</th>
              <th scope="col" className="px-4 py-2">{t("columns.event")}</th>
              <th scope="col" className="px-4 py-2">{t("columns.entity")}</th>
              <th scope="col" className="px-4 py-2">{t("columns.changes")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {entries.length === 0 ? (
              <tr>
                <td colSpan={5} className="px-4 py-6 text-center text-slate-500">
                  {t("empty")}
                </td>
              </tr>
            ) : null}
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
          </tbody>
        </table>
      </div>
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
