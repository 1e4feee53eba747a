import { useTranslations } from "next-intl";

/** Placeholder rows while a list loads; announced once as "Loading…". */
export function TableSkeleton({ rows = 8, columns = 6 }: { rows?: number; columns?: number }) {
  const t = useTranslations("common");
  return (
    <div aria-busy="true" className="animate-pulse overflow-hidden rounded-lg border border-slate-200 bg-white">
      <span className="sr-only" role="status">
        {t("loading")}
      </span>
      <div className="flex gap-4 border-b border-slate-200 bg-slate-50 px-4 py-3">
        {Array.from({ length: columns }, (_, i) => (
          <div key={i} className="h-3 flex-1 rounded bg-slate-200" />
        ))}
      </div>
      {Array.from({ length: rows }, (_, r) => (
        <div key={r} className="flex gap-4 border-b border-slate-100 px-4 py-3 last:border-0">
          {Array.from({ length: columns }, (_, i) => (
            <div key={i} className="h-3 flex-1 rounded bg-slate-100" />
          ))}
        </div>
      ))}
    </div>
  );
}

export function HeadingSkeleton() {
  return <div aria-hidden="true" className="h-7 w-64 animate-pulse rounded bg-slate-200" />;
}
