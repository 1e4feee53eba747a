import { TableSkeleton } from "@/app/_components/Skeleton";

export default function CustomerTabLoading() {
  return (
    <div className="space-y-3">
      <div aria-hidden="true" className="flex gap-3">
        <div className="h-8 w-32 animate-pulse rounded bg-slate-200" />
        <div className="h-8 w-40 animate-pulse rounded bg-slate-200" />
        <div className="h-8 w-40 animate-pulse rounded bg-slate-200" />
      </div>
      <TableSkeleton rows={12} columns={9} />
    </div>
  );
}
