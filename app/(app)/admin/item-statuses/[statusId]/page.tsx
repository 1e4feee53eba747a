import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";

import { listActiveActionTemplateOptions } from "@/lib/actionTemplates";
import { getItemStatus, STATUS_PALETTE } from "@/lib/itemStatuses";
import { requireCapability } from "@/lib/pageGuards";

import { StatusLifecycle } from "../StatusLifecycle";
import { StatusForm } from "../StatusForm";

type Params = { params: Promise<{ statusId: string }> };

async function load({ params }: Params) {
  const actor = await requireCapability("configure");
  const { statusId } = await params;
  const id = /^\d{1,9}$/.test(statusId) ? Number(statusId) : null;
  if (!id) notFound();
  const [status, templates] = await Promise.all([getItemStatus(actor, id), listActiveActionTemplateOptions(actor)]);
  if (!status) notFound();
  return { status, templates };
}

export async function generateMetadata(props: Params): Promise<Metadata> {
  const { status } = await load(props);
  const t = await getTranslations("itemStatuses");
  return { title: t("editTitle", { label: status.label }) };
}

export default async function EditItemStatusPage(props: Params) {
  const { status, templates } = await load(props);
  const t = await getTranslations("itemStatuses");
  return (
    <div className="space-y-8">
      <p>
        <Link href="/admin/item-statuses" className="text-sm text-blue-700 hover:underline">
          ← {t("back")}
        </Link>
      </p>
      <section aria-labelledby="edit-status" className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="edit-status" className="text-lg font-semibold">
          {t("editTitle", { label: status.label })}
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {t("usage", { count: status.itemCount })}
          {status.archived ? ` ${t("archivedNote")}` : ""}
        </p>
        <div className="mt-4">
          <StatusForm
            status={{
              id: status.id,
              label: status.label,
              category: status.category,
              colour: status.colour,
              actionTemplateId: status.actionTemplateId,
              archivedTemplate:
                status.actionTemplate?.archived ? { id: status.actionTemplate.id, name: status.actionTemplate.name } : null,
              sortOrder: status.sortOrder,
            }}
            palette={STATUS_PALETTE.map((c) => ({ key: c.key, hex: c.hex }))}
            templates={templates.map((o) => ({ id: o.id, name: o.name }))}
          />
        </div>
      </section>
      <StatusLifecycle
        status={{
          id: status.id,
          label: status.label,
          archived: status.archived,
          itemCount: status.itemCount,
          inHistory: status.inHistory,
          isQuickPromiseStatus: status.isQuickPromiseStatus,
        }}
      />
    </div>
  );
}
