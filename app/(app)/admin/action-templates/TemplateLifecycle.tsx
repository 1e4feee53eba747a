"use client";

import { useTranslations } from "next-intl";

import { archiveActionTemplateAction, deleteActionTemplateAction, unarchiveActionTemplateAction } from "../actions";
import { DeleteRecordButton, RecordActionButton } from "../_components/LifecycleButtons";

export function TemplateLifecycle({
  template,
}: {
  template: { id: number; name: string; archived: boolean; activeStatuses: string[]; allStatuses: string[]; usedByActions: boolean };
}) {
  const t = useTranslations("actionTemplates");
  return (
    <section aria-labelledby="template-lifecycle" className="rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="template-lifecycle" className="text-lg font-semibold">
        {t("lifecycleTitle")}
      </h2>
      <div className="mt-4 space-y-6">
        <div className="space-y-2">
          {template.archived ? (
            <>
              <p className="text-sm text-slate-600">{t("unarchiveHint")}</p>
              <RecordActionButton id={template.id} action={unarchiveActionTemplateAction} label={t("unarchive")} success={() => t("unarchived")} />
            </>
          ) : template.activeStatuses.length > 0 ? (
            <p className="text-sm text-slate-600">
              {t("archiveBlocked", { count: template.activeStatuses.length, statuses: template.activeStatuses.join(", ") })}
            </p>
          ) : (
            <>
              <p className="text-sm text-slate-600">{t("archiveHint")}</p>
              <RecordActionButton id={template.id} action={archiveActionTemplateAction} label={t("archive")} success={() => t("archived")} />
            </>
          )}
        </div>
        <div className="space-y-2">
          {template.allStatuses.length > 0 ? (
            <p className="text-sm text-slate-600">
              {t("deleteBlockedStatuses", { count: template.allStatuses.length, statuses: template.allStatuses.join(", ") })}
            </p>
          ) : template.usedByActions ? (
            <p className="text-sm text-slate-600">{t("deleteBlockedActions")}</p>
          ) : (
            <>
              <p className="text-sm text-slate-600">{t("deleteHint")}</p>
              <DeleteRecordButton
                id={template.id}
                action={deleteActionTemplateAction}
                label={t("delete")}
                question={t("deleteQuestion", { name: template.name })}
                confirmLabel={t("deleteConfirm")}
              />
            </>
          )}
        </div>
      </div>
    </section>
  );
}
