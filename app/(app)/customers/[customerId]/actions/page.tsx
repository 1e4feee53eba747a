import { notFound } from "next/navigation";

import { ActionsList } from "@/app/(app)/actions/ActionsList";
import { can } from "@/lib/authz";
import { parseCustomerId } from "@/lib/customers";
import { defaultActionScope, listActions, parseActionListQuery } from "@/lib/followUps";
import { requireCapability } from "@/lib/pageGuards";

type Props = {
  params: Promise<{ customerId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The customer file's Actions tab: this customer's follow-ups, with the same filters as /actions. */
export default async function CustomerActionsPage({ params, searchParams }: Props) {
  const actor = await requireCapability("read");
  const customerId = parseCustomerId((await params).customerId);
  if (customerId === null) notFound();
  const defaultScope = defaultActionScope(actor.role);
  const query = parseActionListQuery(await searchParams, { scope: defaultScope });
  const list = await listActions(actor, { customerId, ...query });
  return (
    <ActionsList
      list={list}
      query={query}
      defaultScope={defaultScope}
      pathname={`/customers/${customerId}/actions`}
      canAct={can(actor, "act")}
      showCustomer={false}
    />
  );
}
