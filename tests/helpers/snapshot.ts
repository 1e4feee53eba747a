import { sql } from "drizzle-orm";

import type { Queryable } from "@/db/client";

/**
 * A fingerprint of everything an item operation may write: row counts of the written tables and
 * a digest of every item's status, promise date and version. Equal before/after = nothing changed.
 */
export async function snapshotWrites(db: Queryable) {
  const { rows } = await db.execute<Record<string, string | number>>(sql`
    select
      (select count(*) from item_events)::int as events,
      (select count(*) from actions)::int as actions,
      (select count(*) from action_items)::int as action_items,
      (select count(*) from quick_promise_applications)::int as applications,
      (select count(*) from audit_log)::int as audit,
      (select md5(string_agg(id || ':' || coalesce(status_id, 0) || ':' || coalesce(promise_date::text, '-') || ':' || version, ',' order by id)) from items) as items,
      (select md5(coalesce(string_agg(id || ':' || state, ',' order by id), '')) from actions) as action_states,
      (select md5(row(s.*)::text) from organization_settings s) as settings`);
  return rows[0]!;
}
