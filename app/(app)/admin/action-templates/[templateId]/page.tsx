import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";

import { getActionTemplate } from "@/lib/actionTemplates";
import { requireCapability } from "@/lib/pageGuards";

import { TemplateForm } from "../TemplateForm";
import { TemplateLifecycle } from "../TemplateLifecycle";

type Params = { params: Promise<{ templateId: string }> };

async function load({ params }: Params) {
  const actor = await requireCapability("configure");
  const { templateId } = await params;
  const id = /^\d{1,9}$/.test(templateId) ? Number(templateId) : null;
  if (!id) notFound();
  const template = await getActionTemplate(actor, id);
  if (!template) notFound();
  return template;
}

export async function generateMetadata(props: Params): Promise<Metadata> {
  const template = await load(props);
  const t = await getTranslations("actionTemplates");
  return { title: t("editTitle", { name: template.name }) };
}

export default async function EditActionTemplatePage(props: Params) {
  const template = await load(props);
  const t = await getTranslations("actionTemplates");
  const activeStatuses = template.statuses.filter((s) => !s.archived).map((s) => s.label);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1">
          <Link href="/admin/action-templates" className="text-sm text-blue-700 hover:underline">
            ← {t("back")}
          </Link>
        </p>
      </div>
      <section aria-labelledby="edit-template" className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="edit-template" className="text-lg font-semibold">
          {t("editTitle", { name: template.name })}
        </h2>
        <div className="mt-4">
          <TemplateForm
            template={{
              id: template.id,
              name: template.name,
              channel: template.channel,
              title: template.title,
              instructions: template.instructions,
              dueOffsetDays: template.dueOffsetDays,
            }}
          />
        </div>
      </section>
      <TemplateLifecycle
        template={{
          id: template.id,
          name: template.name,
          archived: template.archived,
          activeStatuses,
          allStatuses: template.statuses.map((s) => s.label),
          usedByActions: template.usedByActions,
        }}
      />
    </div>
  );
}
