import { HeadingSkeleton, TableSkeleton } from "@/app/_components/Skeleton";

export default function ActionsLoading() {
  return (
    <div className="space-y-4">
      <HeadingSkeleton />
      <TableSkeleton rows={10} columns={7} />
    </div>
  );
}
