import { redirect } from "next/navigation";

import { requireCapability } from "@/lib/pageGuards";

export default async function AdminHome() {
  await requireCapability("configure");
  redirect("/admin/item-statuses");
}
