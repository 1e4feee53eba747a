import { requireCapability } from "@/lib/pageGuards";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireCapability("configure");
  return <>{children}</>;
}
