-- The audit log becomes tamper-evident and TRUNCATE-proof (docs/security.md, "Audit log").
--
-- Every row is chained: seq numbers the rows 1, 2, 3 … with no gap, prevHash is the previous
-- row's hash, and hash is the SHA-256 (hex) of the row's canonical form, which includes seq and
-- prevHash. The canonical form (version 1) is the JSON array text, with no spaces,
--   [seq, prevHash, id, at, actorId, action, entity, entityId, ip, userAgent, details]
-- where at is 'YYYY-MM-DDTHH:MM:SS.mmm' (the stored timestamp, no zone), details is the jsonb's
-- own text rendering as a JSON string, and a missing value is null. `npm run admin -- verify-audit`
-- recomputes it outside the database (app/domain/audit/chain.ts), so a changed function here
-- cannot hide a changed row.

CREATE FUNCTION "audit_event_hash"(
  p_seq bigint, p_prev_hash text, p_id text, p_at timestamp, p_actor_id text, p_action text,
  p_entity text, p_entity_id text, p_ip text, p_user_agent text, p_details jsonb
) RETURNS text AS $$
  SELECT encode(sha256(convert_to('[' || concat_ws(',',
    to_json(p_seq)::text,
    coalesce(to_json(p_prev_hash)::text, 'null'),
    coalesce(to_json(p_id)::text, 'null'),
    coalesce(to_json(to_char(p_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS'))::text, 'null'),
    coalesce(to_json(p_actor_id)::text, 'null'),
    coalesce(to_json(p_action)::text, 'null'),
    coalesce(to_json(p_entity)::text, 'null'),
    coalesce(to_json(p_entity_id)::text, 'null'),
    coalesce(to_json(p_ip)::text, 'null'),
    coalesce(to_json(p_user_agent)::text, 'null'),
    coalesce(to_json(p_details::text)::text, 'null')
  ) || ']', 'UTF8')), 'hex')
$$ LANGUAGE sql STABLE;

-- The rows already present, chained in the order they were written (time, then id).
ALTER TABLE "AuditEvent" ADD COLUMN "seq" BIGINT,
ADD COLUMN "prevHash" TEXT,
ADD COLUMN "hash" TEXT;

ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only";

DO $$
DECLARE
  r RECORD;
  n bigint := 0;
  prev text := NULL;
  h text;
BEGIN
  FOR r IN SELECT * FROM "AuditEvent" ORDER BY "at", "id" LOOP
    n := n + 1;
    h := "audit_event_hash"(n, prev, r."id", r."at", r."actorId", r."action", r."entity", r."entityId", r."ip", r."userAgent", r."details");
    UPDATE "AuditEvent" SET "seq" = n, "prevHash" = prev, "hash" = h WHERE "id" = r."id";
    prev := h;
  END LOOP;
END $$;

ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only";

ALTER TABLE "AuditEvent" ALTER COLUMN "seq" SET NOT NULL,
ALTER COLUMN "hash" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_seq_key" ON "AuditEvent"("seq");

-- New rows are chained by the database, whatever the client sent. The transaction-scoped
-- advisory lock (key 418363173236, "audit" in hex, used for nothing else) makes writers from any
-- number of processes take turns from here to their commit, so two can never link to the same
-- previous row; the unique seq turns any fork that slipped through (a REPEATABLE READ writer
-- reading an old snapshot) into an error instead of a second chain.
CREATE FUNCTION "audit_event_chain"() RETURNS trigger AS $$
DECLARE
  last RECORD;
BEGIN
  PERFORM pg_advisory_xact_lock(418363173236);
  SELECT "seq", "hash" INTO last FROM "AuditEvent" ORDER BY "seq" DESC LIMIT 1;
  NEW."seq" := coalesce(last."seq", 0) + 1;
  NEW."prevHash" := last."hash";
  NEW."hash" := "audit_event_hash"(NEW."seq", NEW."prevHash", NEW."id", NEW."at", NEW."actorId", NEW."action", NEW."entity", NEW."entityId", NEW."ip", NEW."userAgent", NEW."details");
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditEvent_chain"
  BEFORE INSERT ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_chain"();

-- TRUNCATE skips row triggers, so the append-only rule needs a statement trigger too. It stops
-- every role, the owner and superusers included, until one of them disables it (which only the
-- table's owner or a superuser can do: see docs/security.md for keeping the app's role out of both).
CREATE TRIGGER "AuditEvent_no_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();

-- No role but the owner gets to change audit rows by default.
REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEvent" FROM PUBLIC;
