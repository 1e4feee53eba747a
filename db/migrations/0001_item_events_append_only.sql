-- History is append-only: the database itself refuses to rewrite or erase it.
CREATE FUNCTION item_events_reject_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'item_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER item_events_append_only
  BEFORE UPDATE OR DELETE ON item_events
  FOR EACH ROW EXECUTE FUNCTION item_events_reject_change();
--> statement-breakpoint
CREATE TRIGGER item_events_no_truncate
  BEFORE TRUNCATE ON item_events
  FOR EACH STATEMENT EXECUTE FUNCTION item_events_reject_change();
