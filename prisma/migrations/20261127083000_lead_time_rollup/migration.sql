-- Lead time percentiles without sorting every change of the window: histograms per team, environment
-- and UTC day are kept at ingest, and a percentile reads only the changes of the one bin that holds
-- it (exact, the same number percentile_cont gives). See lib/queries/metrics/lead-time-rollup.ts.

-- 16 bins per doubling of the lead time (about 4.4 % wide); 0 is under a second, -1 a negative span.
CREATE FUNCTION lead_time_bin(seconds double precision) RETURNS smallint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN seconds < 0 THEN -1 WHEN seconds < 1 THEN 0
    ELSE least(511, 1 + floor(16 * ln(seconds) / ln(2)))::smallint END
$$;

-- AlterTable (generated: ingest and the loaders never write it)
ALTER TABLE "change_first_deployment" ADD COLUMN "lead_bin" SMALLINT
  GENERATED ALWAYS AS (lead_time_bin(date_part('epoch', deployed_at - committed_at))) STORED;

-- CreateIndex
CREATE INDEX "change_first_deployment_environment_id_lead_bin_deployed_at_idx" ON "change_first_deployment"("environment_id", "lead_bin", "deployed_at", "service_id", "committed_at");

-- CreateTable
CREATE TABLE "lead_time_rollup" (
    "id" BIGSERIAL NOT NULL,
    "team_id" INTEGER NOT NULL,
    "environment_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "bin" SMALLINT NOT NULL,
    "changes" INTEGER NOT NULL,
    "sum_ms" BIGINT NOT NULL,

    CONSTRAINT "lead_time_rollup_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "lead_time_rollup_team_id_environment_id_day_idx" ON "lead_time_rollup"("team_id", "environment_id", "day");

-- Deltas: +1 per new row, -1 per old row, by the service's team, the environment, the UTC day of the
-- deployment and the bin (-2: no commit time). Rows whose lead time did not change cancel out. One
-- statement for the three events: the transition table an event lacks is read as an empty one.
CREATE FUNCTION lead_time_rollup_on_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE format($q$
    INSERT INTO lead_time_rollup (team_id, environment_id, day, bin, changes, sum_ms)
    SELECT s.team_id, d.environment_id, d.day, d.bin, sum(d.sign)::int, sum(d.sign * d.ms)::bigint
    FROM (
      SELECT service_id, environment_id, deployed_at, 1 AS sign, day, bin, ms FROM (%1$s) n, LATERAL (%3$s) x
      UNION ALL
      SELECT service_id, environment_id, deployed_at, -1, day, bin, ms FROM (%2$s) o, LATERAL (%3$s) x
    ) d JOIN service s ON s.id = d.service_id
    GROUP BY 1, 2, 3, 4
    HAVING sum(d.sign) <> 0 OR sum(d.sign * d.ms) <> 0
    ORDER BY 1, 2, 3, 4
  $q$,
    CASE WHEN TG_OP = 'DELETE' THEN 'SELECT * FROM old_rows LIMIT 0' ELSE 'SELECT * FROM new_rows' END,
    CASE WHEN TG_OP = 'INSERT' THEN 'SELECT * FROM new_rows LIMIT 0' ELSE 'SELECT * FROM old_rows' END,
    $x$SELECT (deployed_at AT TIME ZONE 'UTC')::date AS day, coalesce(lead_bin, -2) AS bin,
      CASE WHEN lead_bin >= 0 THEN round(date_part('epoch', deployed_at - committed_at) * 1000)::bigint ELSE 0 END AS ms$x$);
  RETURN NULL;
END $fn$;

CREATE TRIGGER lead_time_rollup_insert AFTER INSERT ON change_first_deployment
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_time_rollup_on_change();
CREATE TRIGGER lead_time_rollup_update AFTER UPDATE ON change_first_deployment
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_time_rollup_on_change();
CREATE TRIGGER lead_time_rollup_delete AFTER DELETE ON change_first_deployment
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_time_rollup_on_change();
CREATE FUNCTION lead_time_rollup_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  TRUNCATE lead_time_rollup;
  RETURN NULL;
END $fn$;
CREATE TRIGGER lead_time_rollup_truncate AFTER TRUNCATE ON change_first_deployment
  FOR EACH STATEMENT EXECUTE FUNCTION lead_time_rollup_on_truncate();

-- A service that moves to another team takes its changes' histograms along; one that is deleted takes
-- them away first (its changes' rows are deleted after it, when the join above no longer finds it).
CREATE FUNCTION lead_time_rollup_on_service() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO lead_time_rollup (team_id, environment_id, day, bin, changes, sum_ms)
  SELECT t.team_id, f.environment_id, (f.deployed_at AT TIME ZONE 'UTC')::date, coalesce(f.lead_bin, -2), t.sign * count(*)::int,
    t.sign * coalesce(sum(round(date_part('epoch', f.deployed_at - f.committed_at) * 1000)) FILTER (WHERE f.lead_bin >= 0), 0)::bigint
  FROM change_first_deployment f
  CROSS JOIN (SELECT OLD.team_id, -1 UNION ALL SELECT NEW.team_id, 1 WHERE TG_OP = 'UPDATE') t(team_id, sign)
  WHERE f.service_id = OLD.id
  GROUP BY t.team_id, t.sign, 2, 3, 4
  ORDER BY 1, 2, 3, 4;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $fn$;
CREATE TRIGGER lead_time_rollup_service_team AFTER UPDATE OF team_id ON service
  FOR EACH ROW WHEN (OLD.team_id IS DISTINCT FROM NEW.team_id) EXECUTE FUNCTION lead_time_rollup_on_service();
CREATE TRIGGER lead_time_rollup_service_delete BEFORE DELETE ON service
  FOR EACH ROW EXECUTE FUNCTION lead_time_rollup_on_service();

-- the histograms of the history already stored
INSERT INTO lead_time_rollup (team_id, environment_id, day, bin, changes, sum_ms)
SELECT s.team_id, f.environment_id, (f.deployed_at AT TIME ZONE 'UTC')::date, coalesce(f.lead_bin, -2), count(*)::int,
  coalesce(sum(round(date_part('epoch', f.deployed_at - f.committed_at) * 1000)) FILTER (WHERE f.lead_bin >= 0), 0)::bigint
FROM change_first_deployment f JOIN service s ON s.id = f.service_id
GROUP BY 1, 2, 3, 4;
