import { getTranslations } from "next-intl/server";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === null || value === undefined) return "∅";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** old → new for each field the entry records (only the fields that differ when both sides exist). */
export async function AuditChanges({ before, after }: { before: unknown; after: unknown }) {
  const t = await getTranslations("audit");
  if (before == null && after == null) return <span className="text-slate-400">—</span>;
  if (!isRecord(before) && !isRecord(after)) {
    return (
      <span>
        {show(before)} → {show(after)}
      </span>
    );
  }
  const old = isRecord(before) ? before : {};
  const next = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(old), ...Object.keys(next)])].filter(
    (key) => !(key in old && key in next) || JSON.stringify(old[key]) !== JSON.stringify(next[key]),
  );
  if (keys.length === 0) return <span className="text-slate-400">{t("noChange")}</span>;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
      {keys.map((key) => (
        <div key={key} className="contents">
          <dt className="font-medium text-slate-600">{key}</dt>
          <dd className="break-all">
            {before == null ? (
              show(next[key])
            ) : after == null ? (
              <span className="line-through">{show(old[key])}</span>
            ) : (
              <>
                <span className="text-slate-500">{key in old ? show(old[key]) : "∅"}</span> → {key in next ? show(next[key]) : "∅"}
              </>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
