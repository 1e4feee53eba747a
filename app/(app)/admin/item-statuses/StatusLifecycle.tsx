"use client";

import { useTranslations } from "next-intl";

import { archiveItemStatusAction, deleteItemStatusAction, unarchiveItemStatusAction } from "../actions";
import { DeleteRecordButton, RecordActionButton } from "../_components/LifecycleButtons";

export function StatusLifecycle({
  status,
}: {
  status: { id: number; label: string; archived: boolean; itemCount: number; inHistory: boolean; isQuickPromiseStatus: boolean };
}) {
  const t = useTranslations("itemStatuses");
  const deleteBlockers = [
    status.itemCount > 0 ? t("blockedItems", { count: status.itemCount }) : null,
    status.inHistory ? t("blockedHistory") : null,
    status.isQuickPromiseStatus ? t("blockedQuickPromise") : null,
  ].filter((reason): reason is string => reason !== null);

  return (
    <section aria-labelledby="status-lifecycle" className="rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="status-lifecycle" className="text-lg font-semibold">
        {t("lifecycleTitle")}
      </h2>
      <div className="mt-4 space-y-6">
        <div className="space-y-2">
          <p className="text-sm text-slate-600">
            {status.archived ? t("unarchiveHint") : t("archiveHint")}
            {!status.archived && status.isQuickPromiseStatus ? ` ${t("archiveQuickPromiseHint")}` : ""}
          </p>
          {status.archived ? (
            <RecordActionButton
              id={status.id}
              action={unarchiveItemStatusAction}
              label={t("unarchive")}
              success={() => t("unarchived")}
            />
          ) : (
            <RecordActionButton
              id={status.id}
              action={archiveItemStatusAction}
              label={t("archive")}
              success={(data) => (data.quickPromiseCleared ? t("archivedQuickPromise") : t("archived"))}
            />
          )}
        </div>
        <div className="space-y-2">
          {deleteBlockers.length > 0 ? (
            <p className="text-sm text-slate-600">{t("deleteBlocked", { reasons: deleteBlockers.join(" · ") })}</p>
          ) : (
            <>
              <p className="text-sm text-slate-600">{t("deleteHint")}</p>
              <DeleteRecordButton
                id={status.id}
                action={deleteItemStatusAction}
                label={t("delete")}
                question={t("deleteQuestion", { label: status.label })}
                confirmLabel={t("deleteConfirm")}
              />
            </>
          )}
        </div>
      </div>
    </section>
  );
}
