import { getTranslations } from "next-intl/server";

import { ClientMessages } from "@/app/_components/ClientMessages";
import { can } from "@/lib/authz";
import { defaultActionScope, listActions, parseActionListQuery } from "@/lib/followUps";
import { requireCapability } from "@/lib/pageGuards";

import { ActionsList } from "./ActionsList";

export async function generateMetadata() {
  const t = await getTranslations("followUps");
  return { title: t("title") };
}

export default async function ActionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireCapability("read");
  const defaultScope = defaultActionScope(actor.role);
  const query = parseActionListQuery(await searchParams, { scope: defaultScope });
  const list = await listActions(actor, query);
  const t = await getTranslations("followUps");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <ClientMessages part="actions">
        <ActionsList list={list} query={query} defaultScope={defaultScope} pathname="/actions" canAct={can(actor, "act")} showCustomer />
      </ClientMessages>
    </div>
  );
}
