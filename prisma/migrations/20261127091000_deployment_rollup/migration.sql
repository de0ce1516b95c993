-- Deployment counts per team, environment and UTC day (deployment frequency and the stored flags of
-- change failure rate and rework), kept by statement triggers on deployment as append-only deltas and
-- folded with lead_time_rollup's. The incident links, which change as incidents arrive, stay per row.
-- See lib/queries/metrics/deployment-rollup.ts.

-- CreateTable
CREATE TABLE "deployment_rollup" (
    "id" BIGSERIAL NOT NULL,
    "team_id" INTEGER NOT NULL,
    "environment_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "success" INTEGER NOT NULL,
    "failure" INTEGER NOT NULL,
    "rolled_back" INTEGER NOT NULL,
    "failed_or_rolled_back" INTEGER NOT NULL,
    "hotfix_or_rollback" INTEGER NOT NULL,

    CONSTRAINT "deployment_rollup_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "deployment_rollup_team_id_environment_id_day_idx" ON "deployment_rollup"("team_id", "environment_id", "day");

-- CreateIndex: the window's failed or rolled-back deployments without reading the others
CREATE INDEX "deployment_environment_id_rolled_back_status_finished_at_se_idx" ON "deployment"("environment_id", "rolled_back", "status", "finished_at", "service_id", "id", "is_hotfix", "rolls_back");

-- Finished successful or failed deployments count (the others are not in any metric); +1 per new row,
-- -1 per old row, by the service's team, the environment and the UTC day it finished.
CREATE FUNCTION deployment_rollup_on_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE format($q$
    INSERT INTO deployment_rollup (team_id, environment_id, day, success, failure, rolled_back, failed_or_rolled_back, hotfix_or_rollback)
    SELECT * FROM (
      SELECT s.team_id, d.environment_id, (d.finished_at AT TIME ZONE 'UTC')::date AS day,
        coalesce(sum(d.sign) FILTER (WHERE d.status = 'success'), 0)::int AS success,
        coalesce(sum(d.sign) FILTER (WHERE d.status = 'failure'), 0)::int AS failure,
        coalesce(sum(d.sign) FILTER (WHERE d.rolled_back), 0)::int AS rolled_back,
        coalesce(sum(d.sign) FILTER (WHERE d.status = 'failure' OR d.rolled_back), 0)::int AS failed_or_rolled_back,
        coalesce(sum(d.sign) FILTER (WHERE d.is_hotfix OR d.rolls_back), 0)::int AS hotfix_or_rollback
      FROM (
        SELECT service_id, environment_id, finished_at, status, rolled_back, is_hotfix, rolls_back, 1 AS sign FROM (%1$s) n
        UNION ALL
        SELECT service_id, environment_id, finished_at, status, rolled_back, is_hotfix, rolls_back, -1 FROM (%2$s) o
      ) d JOIN service s ON s.id = d.service_id
      WHERE d.status IN ('success', 'failure') AND d.finished_at IS NOT NULL
      GROUP BY 1, 2, 3
    ) x
    -- an update that changed nothing counted (a version, a URL) leaves no row
    WHERE (success, failure, rolled_back, failed_or_rolled_back, hotfix_or_rollback) <> (0, 0, 0, 0, 0)
    ORDER BY 1, 2, 3
  $q$,
    CASE WHEN TG_OP = 'DELETE' THEN 'SELECT * FROM old_rows LIMIT 0' ELSE 'SELECT * FROM new_rows' END,
    CASE WHEN TG_OP = 'INSERT' THEN 'SELECT * FROM new_rows LIMIT 0' ELSE 'SELECT * FROM old_rows' END);
  RETURN NULL;
END $fn$;
CREATE TRIGGER deployment_rollup_insert AFTER INSERT ON deployment
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION deployment_rollup_on_change();
CREATE TRIGGER deployment_rollup_update AFTER UPDATE ON deployment
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION deployment_rollup_on_change();
CREATE TRIGGER deployment_rollup_delete AFTER DELETE ON deployment
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION deployment_rollup_on_change();
CREATE FUNCTION deployment_rollup_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  TRUNCATE deployment_rollup;
  RETURN NULL;
END $fn$;
CREATE TRIGGER deployment_rollup_truncate AFTER TRUNCATE ON deployment
  FOR EACH STATEMENT EXECUTE FUNCTION deployment_rollup_on_truncate();

-- A service that moves to another team takes its counts along; one that is deleted takes them away first.
CREATE FUNCTION deployment_rollup_on_service() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO deployment_rollup (team_id, environment_id, day, success, failure, rolled_back, failed_or_rolled_back, hotfix_or_rollback)
  SELECT t.team_id, d.environment_id, (d.finished_at AT TIME ZONE 'UTC')::date,
    t.sign * count(*) FILTER (WHERE d.status = 'success'), t.sign * count(*) FILTER (WHERE d.status = 'failure'),
    t.sign * count(*) FILTER (WHERE d.rolled_back), t.sign * count(*) FILTER (WHERE d.status = 'failure' OR d.rolled_back),
    t.sign * count(*) FILTER (WHERE d.is_hotfix OR d.rolls_back)
  FROM deployment d
  CROSS JOIN (SELECT OLD.team_id, -1 UNION ALL SELECT NEW.team_id, 1 WHERE TG_OP = 'UPDATE') t(team_id, sign)
  WHERE d.service_id = OLD.id AND d.status IN ('success', 'failure') AND d.finished_at IS NOT NULL
  GROUP BY t.team_id, t.sign, 2, 3
  ORDER BY 1, 2, 3;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $fn$;
CREATE TRIGGER deployment_rollup_service_team AFTER UPDATE OF team_id ON service
  FOR EACH ROW WHEN (OLD.team_id IS DISTINCT FROM NEW.team_id) EXECUTE FUNCTION deployment_rollup_on_service();
CREATE TRIGGER deployment_rollup_service_delete BEFORE DELETE ON service
  FOR EACH ROW EXECUTE FUNCTION deployment_rollup_on_service();

-- the counts of the history already stored
INSERT INTO deployment_rollup (team_id, environment_id, day, success, failure, rolled_back, failed_or_rolled_back, hotfix_or_rollback)
SELECT s.team_id, d.environment_id, (d.finished_at AT TIME ZONE 'UTC')::date,
  count(*) FILTER (WHERE d.status = 'success'), count(*) FILTER (WHERE d.status = 'failure'),
  count(*) FILTER (WHERE d.rolled_back), count(*) FILTER (WHERE d.status = 'failure' OR d.rolled_back),
  count(*) FILTER (WHERE d.is_hotfix OR d.rolls_back)
FROM deployment d JOIN service s ON s.id = d.service_id
WHERE d.status IN ('success', 'failure') AND d.finished_at IS NOT NULL
GROUP BY 1, 2, 3;
