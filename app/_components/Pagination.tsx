import Link from "next/link";
import { useTranslations } from "next-intl";

/** Previous / next links that keep the other search params; hidden when everything fits on one page. */
export function Pagination({
  pathname,
  params,
  page,
  pageCount,
  label,
}: {
  pathname: string;
  /** The current search params other than `page`. */
  params: Record<string, string | undefined>;
  page: number;
  pageCount: number;
  label: string;
}) {
  const t = useTranslations("common");
  if (pageCount <= 1 && page <= 1) return null;
  const hrefFor = (target: number) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== "") search.set(key, value);
    if (target > 1) search.set("page", String(target));
    const query = search.toString();
    return query ? `${pathname}?${query}` : pathname;
  };
  const linkClass = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100";
  const disabledClass = "rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-400";
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between gap-4">
      {page > 1 ? (
        <Link href={hrefFor(Math.min(page - 1, pageCount))} className={linkClass} rel="prev">
          {t("previous")}
        </Link>
      ) : (
        <span className={disabledClass} aria-disabled="true">
          {t("previous")}
        </span>
      )}
      <span className="text-sm text-slate-600">{t("pageOf", { page, pages: pageCount })}</span>
      {page < pageCount ? (
        <Link href={hrefFor(page + 1)} className={linkClass} rel="next">
          {t("next")}
        </Link>
      ) : (
        <span className={disabledClass} aria-disabled="true">
          {t("next")}
        </span>
      )}
    </nav>
  );
}
