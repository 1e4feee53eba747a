import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { requireCapability } from "@/lib/pageGuards";
import { listUsers } from "@/lib/users";

import { CreateUserForm } from "./CreateUserForm";
import { UserActiveButton, UserRoleForm } from "./UserRowForms";
import { AdminTable } from "../_components/AdminTable";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("users");
  return { title: t("title") };
}

export default async function UsersPage() {
  const actor = await requireCapability("configure");
  const users = await listUsers(actor);
  const t = await getTranslations("users");
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("intro")}</p>
      </div>
      <AdminTable
        caption={t("tableLabel")}
        columns={[
          { label: t("columns.name") },
          { label: t("columns.email") },
          { label: t("columns.role") },
          { label: t("columns.state") },
        ]}
      >
        {users.map((user) => (
          <tr key={user.id} className={user.active ? undefined : "bg-slate-50 text-slate-500"}>
            <th scope="row" className="px-4 py-2 text-left align-top font-medium">
              {user.name}
              {user.id === actor.id ? <span className="ml-1 text-xs font-normal text-slate-500">{t("you")}</span> : null}
            </th>
            <td className="px-4 py-2 align-top">{user.email}</td>
            <td className="px-4 py-2 align-top">
              <UserRoleForm user={{ id: user.id, name: user.name, role: user.role }} />
            </td>
            <td className="px-4 py-2 align-top">
              <div className="flex flex-col gap-2">
                <span
                  className={`w-fit rounded-full px-2 py-0.5 text-xs font-medium ${
                    user.active ? "bg-green-100 text-green-800" : "bg-slate-200 text-slate-700"
                  }`}
                >
                  {user.active ? t("active") : t("inactive")}
                </span>
                <UserActiveButton user={{ id: user.id, name: user.name, active: user.active }} />
              </div>
            </td>
          </tr>
        ))}
      </AdminTable>
      <p className="text-sm text-slate-600">{t("effectHint")}</p>

      <section aria-labelledby="new-user" className="max-w-3xl rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="new-user" className="text-lg font-semibold">
          {t("newTitle")}
        </h2>
        <div className="mt-4">
          <CreateUserForm />
        </div>
      </section>
    </div>
  );
}
