import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";

import { CalendarDateText } from "@/app/_components/CalendarDateText";
import { ClientMessages } from "@/app/_components/ClientMessages";
import { MoneyTotals } from "@/app/_components/Money";
import { getCustomerFile, parseCustomerId } from "@/lib/customers";
import { requireCapability } from "@/lib/pageGuards";

import { CustomerTabs } from "./CustomerTabs";
import { SelectionProvider } from "./SelectionContext";

type Params = Promise<{ customerId: string }>;

export async function generateMetadata({ params }: { params: Params }) {
  const id = parseCustomerId((await params).customerId);
  const actor = await requireCapability("read");
  const file = id === null ? null : await getCustomerFile(actor, { customerId: id });
  return { title: file?.name };
}

export default async function CustomerFileLayout({ children, params }: { children: React.ReactNode; params: Params }) {
  const actor = await requireCapability("read");
  const customerId = parseCustomerId((await params).customerId);
  if (customerId === null) notFound();
  const file = await getCustomerFile(actor, { customerId });
  if (!file) notFound();
  const t = await getTranslations("customerFile");

  const figure = (label: string, value: React.ReactNode, tone = "text-slate-900") => (
    <div className="rounded-md bg-slate-50 px-3 py-2">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className={`mt-0.5 text-base font-semibold ${tone}`}>{value}</dd>
    </div>
  );
  const hasCredits = Object.values(file.unappliedCredits).some((amount) => amount !== 0);
  const hasOverdue = Object.values(file.overdue).some((amount) => amount > 0);

  return (
    <div className="space-y-5">
      <div>
        <Link href="/customers" className="text-sm text-blue-700 hover:underline">
          ← {t("backToCustomers")}
        </Link>
        <div className="mt-1 flex flex-wrap items-baseline gap-x-3">
          <h1 className="text-2xl font-semibold">{file.name}</h1>
          <span className="font-mono text-sm text-slate-600">{file.code}</span>
        </div>
      </div>

      <section aria-label={t("summaryLabel")} className="rounded-lg border border-slate-200 bg-white p-4">
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2 lg:grid-cols-4">
          <div className="flex gap-2">
            <dt className="text-slate-500">{t("code")}</dt>
            <dd className="font-mono">{file.code}</dd>
          </div>
          <div className="flex gap-2">
            <dt className="text-slate-500">{t("collector")}</dt>
            <dd>{file.collector?.name ?? <span className="text-slate-400">{t("unassigned")}</span>}</dd>
          </div>
          <div className="flex gap-2">
            <dt className="text-slate-500">{t("contact")}</dt>
            <dd>{file.contactName ?? <span className="text-slate-400">—</span>}</dd>
          </div>
          <div className="flex gap-2">
            <dt className="text-slate-500">{t("email")}</dt>
            <dd className="truncate">
              {file.contactEmail ? (
                <a href={`mailto:${file.contactEmail}`} className="text-blue-700 hover:underline">
                  {file.contactEmail}
                </a>
              ) : (
                <span className="text-slate-400">—</span>
              )}
            </dd>
          </div>
          <div className="flex gap-2">
            <dt className="text-slate-500">{t("phone")}</dt>
            <dd>
              {file.contactPhone ? (
                <a href={`tel:${file.contactPhone.replace(/\s+/g, "")}`} className="text-blue-700 hover:underline">
                  {file.contactPhone}
                </a>
              ) : (
                <span className="text-slate-400">—</span>
              )}
            </dd>
          </div>
        </dl>
        <dl className="mt-3 grid grid-cols-[repeat(auto-fit,minmax(9.5rem,1fr))] gap-3">
          {figure(t("outstanding"), <MoneyTotals totals={file.outstanding} fallbackCurrency={file.currency} />)}
          {figure(
            t("overdue"),
            <MoneyTotals totals={file.overdue} fallbackCurrency={file.currency} />,
            hasOverdue ? "text-red-700" : "text-slate-900",
          )}
          {figure(t("notYetDue"), <MoneyTotals totals={file.notYetDue} fallbackCurrency={file.currency} />)}
          {hasCredits
            ? figure(t("unappliedCredits"), <MoneyTotals totals={file.unappliedCredits} fallbackCurrency={file.currency} />)
            : null}
          {figure(t("openItems"), <span className="tabular-nums">{file.openItems}</span>)}
          {figure(t("promised"), <MoneyTotals totals={file.promised} fallbackCurrency={file.currency} />, "text-blue-800")}
          {figure(
            t("nextPromiseDate"),
            file.nextPromiseDate ? <CalendarDateText date={file.nextPromiseDate} /> : <span className="text-slate-400">{t("none")}</span>,
          )}
        </dl>
      </section>

      <ClientMessages part="customerFile">
        <CustomerTabs customerId={file.id} />
        <SelectionProvider>{children}</SelectionProvider>
      </ClientMessages>
    </div>
  );
}
