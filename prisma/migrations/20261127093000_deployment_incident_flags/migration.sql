-- Change failure rate and rework of a whole team without joining every deployment of the window with
-- the incidents: a deployment carries whether an incident names it as its cause or as its fix (kept
-- by a trigger on incident), its change-failure flag (failed, rolled back or named as a cause) is
-- generated and indexed, and deployment_rollup counts those. Only the incidents' inferred
-- attribution (which depends on the window) stays a per-request join. The next successful deployment
-- of its sequence (recovery) is kept at ingest with the rollback flags (lib/queries/refresh-rollback-flags.ts).

-- AlterTable
ALTER TABLE "deployment" ADD COLUMN "next_success_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "deployment" ADD COLUMN "caused_incident" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "fixed_incident" BOOLEAN NOT NULL DEFAULT false;

UPDATE deployment d SET caused_incident = true WHERE EXISTS (SELECT 1 FROM incident i WHERE i.cause_deployment_id = d.id);
UPDATE deployment d SET fixed_incident = true WHERE EXISTS (SELECT 1 FROM incident i WHERE i.fix_deployment_id = d.id);

ALTER TABLE "deployment" ADD COLUMN "change_failure" BOOLEAN
  GENERATED ALWAYS AS (status = 'failure' OR rolled_back OR caused_incident) STORED;

-- DropIndex (replaced: failed, rolled back or named by an incident is one flag now)
DROP INDEX "deployment_environment_id_rolled_back_status_finished_at_se_idx";


-- The incidents naming a deployment decide its flags; the deployment's row is locked first, so two
-- incidents changed at once are recounted one after the other, each seeing the other's change.
CREATE FUNCTION deployment_incident_flags_on_incident() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  ids int[];
BEGIN
  ids := ARRAY(
    SELECT DISTINCT x FROM unnest(CASE TG_OP
      WHEN 'INSERT' THEN ARRAY[NEW.cause_deployment_id, NEW.fix_deployment_id]
      WHEN 'DELETE' THEN ARRAY[OLD.cause_deployment_id, OLD.fix_deployment_id]
      ELSE ARRAY[OLD.cause_deployment_id, OLD.fix_deployment_id, NEW.cause_deployment_id, NEW.fix_deployment_id] END) x
    WHERE x IS NOT NULL ORDER BY x);
  IF cardinality(ids) = 0 THEN RETURN NULL; END IF;
  PERFORM 1 FROM deployment WHERE id = ANY(ids) ORDER BY id FOR UPDATE;
  UPDATE deployment d SET
    caused_incident = EXISTS (SELECT 1 FROM incident i WHERE i.cause_deployment_id = d.id),
    fixed_incident = EXISTS (SELECT 1 FROM incident i WHERE i.fix_deployment_id = d.id)
  WHERE d.id = ANY(ids) AND (d.caused_incident, d.fixed_incident) IS DISTINCT FROM (
    EXISTS (SELECT 1 FROM incident i WHERE i.cause_deployment_id = d.id),
    EXISTS (SELECT 1 FROM incident i WHERE i.fix_deployment_id = d.id));
  RETURN NULL;
END $fn$;
CREATE TRIGGER deployment_incident_flags_insert AFTER INSERT ON incident
  FOR EACH ROW WHEN (NEW.cause_deployment_id IS NOT NULL OR NEW.fix_deployment_id IS NOT NULL)
  EXECUTE FUNCTION deployment_incident_flags_on_incident();
CREATE TRIGGER deployment_incident_flags_update AFTER UPDATE OF cause_deployment_id, fix_deployment_id ON incident
  FOR EACH ROW WHEN ((OLD.cause_deployment_id, OLD.fix_deployment_id) IS DISTINCT FROM (NEW.cause_deployment_id, NEW.fix_deployment_id))
  EXECUTE FUNCTION deployment_incident_flags_on_incident();
CREATE TRIGGER deployment_incident_flags_delete AFTER DELETE ON incident
  FOR EACH ROW WHEN (OLD.cause_deployment_id IS NOT NULL OR OLD.fix_deployment_id IS NOT NULL)
  EXECUTE FUNCTION deployment_incident_flags_on_incident();

-- AlterTable: deployment_rollup counts the flags (change failures: failed, rolled back or named as an
-- incident's cause; unplanned: hotfix, rollback or named as an incident's fix)
ALTER TABLE "deployment_rollup" DROP COLUMN "failed_or_rolled_back", DROP COLUMN "hotfix_or_rollback",
  ADD COLUMN "change_failure" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "caused_incident" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "unplanned" INTEGER NOT NULL DEFAULT 0;

CREATE OR REPLACE FUNCTION deployment_rollup_on_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE format($q$
    INSERT INTO deployment_rollup (team_id, environment_id, day, success, failure, rolled_back, change_failure, caused_incident, unplanned)
    SELECT * FROM (
      SELECT s.team_id, d.environment_id, (d.finished_at AT TIME ZONE 'UTC')::date AS day,
        coalesce(sum(d.sign) FILTER (WHERE d.status = 'success'), 0)::int AS success,
        coalesce(sum(d.sign) FILTER (WHERE d.status = 'failure'), 0)::int AS failure,
        coalesce(sum(d.sign) FILTER (WHERE d.rolled_back), 0)::int AS rolled_back,
        coalesce(sum(d.sign) FILTER (WHERE d.change_failure), 0)::int AS change_failure,
        coalesce(sum(d.sign) FILTER (WHERE d.caused_incident), 0)::int AS caused_incident,
        coalesce(sum(d.sign) FILTER (WHERE d.is_hotfix OR d.rolls_back OR d.fixed_incident), 0)::int AS unplanned
      FROM (
        SELECT service_id, environment_id, finished_at, status, rolled_back, change_failure, caused_incident, is_hotfix, rolls_back, fixed_incident, 1 AS sign FROM (%1$s) n
        UNION ALL
        SELECT service_id, environment_id, finished_at, status, rolled_back, change_failure, caused_incident, is_hotfix, rolls_back, fixed_incident, -1 FROM (%2$s) o
      ) d JOIN service s ON s.id = d.service_id
      WHERE d.status IN ('success', 'failure') AND d.finished_at IS NOT NULL
      GROUP BY 1, 2, 3
    ) x
    -- an update that changed nothing counted (a version, a URL) leaves no row
    WHERE (success, failure, rolled_back, change_failure, caused_incident, unplanned) <> (0, 0, 0, 0, 0, 0)
    ORDER BY 1, 2, 3
  $q$,
    CASE WHEN TG_OP = 'DELETE' THEN 'SELECT * FROM old_rows LIMIT 0' ELSE 'SELECT * FROM new_rows' END,
    CASE WHEN TG_OP = 'INSERT' THEN 'SELECT * FROM new_rows LIMIT 0' ELSE 'SELECT * FROM old_rows' END);
  RETURN NULL;
END $fn$;

CREATE OR REPLACE FUNCTION deployment_rollup_on_service() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO deployment_rollup (team_id, environment_id, day, success, failure, rolled_back, change_failure, caused_incident, unplanned)
  SELECT t.team_id, d.environment_id, (d.finished_at AT TIME ZONE 'UTC')::date,
    t.sign * count(*) FILTER (WHERE d.status = 'success'), t.sign * count(*) FILTER (WHERE d.status = 'failure'),
    t.sign * count(*) FILTER (WHERE d.rolled_back), t.sign * count(*) FILTER (WHERE d.change_failure),
    t.sign * count(*) FILTER (WHERE d.caused_incident), t.sign * count(*) FILTER (WHERE d.is_hotfix OR d.rolls_back OR d.fixed_incident)
  FROM deployment d
  CROSS JOIN (SELECT OLD.team_id, -1 UNION ALL SELECT NEW.team_id, 1 WHERE TG_OP = 'UPDATE') t(team_id, sign)
  WHERE d.service_id = OLD.id AND d.status IN ('success', 'failure') AND d.finished_at IS NOT NULL
  GROUP BY t.team_id, t.sign, 2, 3
  ORDER BY 1, 2, 3;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $fn$;

-- the counts of the history already stored, with the new columns
TRUNCATE deployment_rollup;
INSERT INTO deployment_rollup (team_id, environment_id, day, success, failure, rolled_back, change_failure, caused_incident, unplanned)
SELECT s.team_id, d.environment_id, (d.finished_at AT TIME ZONE 'UTC')::date,
  count(*) FILTER (WHERE d.status = 'success'), count(*) FILTER (WHERE d.status = 'failure'),
  count(*) FILTER (WHERE d.rolled_back), count(*) FILTER (WHERE d.change_failure),
  count(*) FILTER (WHERE d.caused_incident), count(*) FILTER (WHERE d.is_hotfix OR d.rolls_back OR d.fixed_incident)
FROM deployment d JOIN service s ON s.id = d.service_id
WHERE d.status IN ('success', 'failure') AND d.finished_at IS NOT NULL
GROUP BY 1, 2, 3;

ALTER TABLE "deployment_rollup" ALTER COLUMN "change_failure" DROP DEFAULT, ALTER COLUMN "caused_incident" DROP DEFAULT, ALTER COLUMN "unplanned" DROP DEFAULT;

-- the next successful deployment of every finished one, in sequence order (finished_at, id)
UPDATE deployment d SET next_success_at = s.next_success_at
FROM (
  SELECT id, min(finished_at) FILTER (WHERE status = 'success') OVER (PARTITION BY service_id, environment_id
    ORDER BY finished_at DESC, id DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS next_success_at
  FROM deployment WHERE status IN ('success', 'failure') AND finished_at IS NOT NULL
) s
WHERE d.id = s.id AND s.next_success_at IS NOT NULL;

-- CreateIndex (after the backfills: cheaper than keeping it up to date row by row)
CREATE INDEX "deployment_environment_id_change_failure_finished_at_servic_idx" ON "deployment"("environment_id", "change_failure", "finished_at", "service_id", "id", "status", "rolled_back", "caused_incident", "next_success_at");
