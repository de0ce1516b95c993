-- The pull-request variant of lead time from stored spans instead of grouping every change of the
-- window by pull request at read time: one row per pull request and environment (its first deployment
-- there, its earliest commit, its merge), kept by a trigger on change_first_deployment, and its spans
-- in lead_time_rollup's histograms next to the changes' (column span).

-- CreateTable
CREATE TABLE "pull_request_deployment" (
    "service_id" INTEGER NOT NULL,
    "environment_id" INTEGER NOT NULL,
    "pr_number" INTEGER NOT NULL,
    "deployed_at" TIMESTAMPTZ(3) NOT NULL,
    "first_committed_at" TIMESTAMPTZ(3),
    "merged_at" TIMESTAMPTZ(3),
    "first_commit_bin" SMALLINT GENERATED ALWAYS AS (lead_time_bin(date_part('epoch', deployed_at - first_committed_at))) STORED,
    "merged_bin" SMALLINT GENERATED ALWAYS AS (lead_time_bin(date_part('epoch', deployed_at - merged_at))) STORED,

    CONSTRAINT "pull_request_deployment_pkey" PRIMARY KEY ("service_id","environment_id","pr_number")
);

-- CreateIndex
CREATE INDEX "pull_request_deployment_service_id_environment_id_deployed__idx" ON "pull_request_deployment"("service_id", "environment_id", "deployed_at", "first_committed_at", "merged_at");
CREATE INDEX "pull_request_deployment_environment_id_first_commit_bin_dep_idx" ON "pull_request_deployment"("environment_id", "first_commit_bin", "deployed_at", "service_id", "first_committed_at");
CREATE INDEX "pull_request_deployment_environment_id_merged_bin_deployed__idx" ON "pull_request_deployment"("environment_id", "merged_bin", "deployed_at", "service_id", "merged_at");
-- a pull request's changes, to recompute its row
CREATE INDEX "change_first_deployment_service_id_pr_number_environment_id_idx" ON "change_first_deployment"("service_id", "pr_number", "environment_id", "deployed_at", "committed_at", "pr_merged_at");

-- AlterTable: which span a histogram counts (0 change, 1 pull request from its first commit, 2 from its merge)
ALTER TABLE "lead_time_rollup" ADD COLUMN "span" SMALLINT NOT NULL DEFAULT 0;
DROP INDEX "lead_time_rollup_team_id_environment_id_day_idx";
CREATE INDEX "lead_time_rollup_team_id_environment_id_span_day_idx" ON "lead_time_rollup"("team_id", "environment_id", "span", "day");

-- Histogram deltas of any span source: TG_ARGV = span, bin column, start column (the end is deployed_at).
CREATE OR REPLACE FUNCTION lead_time_rollup_on_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE format($q$
    INSERT INTO lead_time_rollup (team_id, environment_id, span, day, bin, changes, sum_ms)
    SELECT s.team_id, d.environment_id, %4$s, d.day, d.bin, sum(d.sign)::int, sum(d.sign * d.ms)::bigint
    FROM (
      SELECT service_id, environment_id, 1 AS sign, day, bin, ms FROM (%1$s) n, LATERAL (%3$s) x
      UNION ALL
      SELECT service_id, environment_id, -1, day, bin, ms FROM (%2$s) o, LATERAL (%3$s) x
    ) d JOIN service s ON s.id = d.service_id
    GROUP BY 1, 2, 4, 5
    HAVING sum(d.sign) <> 0 OR sum(d.sign * d.ms) <> 0
    ORDER BY 1, 2, 4, 5
  $q$,
    CASE WHEN TG_OP = 'DELETE' THEN 'SELECT * FROM old_rows LIMIT 0' ELSE 'SELECT * FROM new_rows' END,
    CASE WHEN TG_OP = 'INSERT' THEN 'SELECT * FROM new_rows LIMIT 0' ELSE 'SELECT * FROM old_rows' END,
    format($x$SELECT (deployed_at AT TIME ZONE 'UTC')::date AS day, coalesce(%1$I, -2) AS bin,
      CASE WHEN %1$I >= 0 THEN round(date_part('epoch', deployed_at - %2$I) * 1000)::bigint ELSE 0 END AS ms$x$, TG_ARGV[1], TG_ARGV[2]),
    TG_ARGV[0]::smallint);
  RETURN NULL;
END $fn$;

DROP TRIGGER lead_time_rollup_insert ON change_first_deployment;
DROP TRIGGER lead_time_rollup_update ON change_first_deployment;
DROP TRIGGER lead_time_rollup_delete ON change_first_deployment;
CREATE TRIGGER lead_time_rollup_insert AFTER INSERT ON change_first_deployment
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_time_rollup_on_change('0', 'lead_bin', 'committed_at');
CREATE TRIGGER lead_time_rollup_update AFTER UPDATE ON change_first_deployment
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_time_rollup_on_change('0', 'lead_bin', 'committed_at');
CREATE TRIGGER lead_time_rollup_delete AFTER DELETE ON change_first_deployment
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_time_rollup_on_change('0', 'lead_bin', 'committed_at');
CREATE TRIGGER lead_time_rollup_insert_first_commit AFTER INSERT ON pull_request_deployment
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_time_rollup_on_change('1', 'first_commit_bin', 'first_committed_at');
CREATE TRIGGER lead_time_rollup_update_first_commit AFTER UPDATE ON pull_request_deployment
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_time_rollup_on_change('1', 'first_commit_bin', 'first_committed_at');
CREATE TRIGGER lead_time_rollup_delete_first_commit AFTER DELETE ON pull_request_deployment
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_time_rollup_on_change('1', 'first_commit_bin', 'first_committed_at');
CREATE TRIGGER lead_time_rollup_insert_merged AFTER INSERT ON pull_request_deployment
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_time_rollup_on_change('2', 'merged_bin', 'merged_at');
CREATE TRIGGER lead_time_rollup_update_merged AFTER UPDATE ON pull_request_deployment
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_time_rollup_on_change('2', 'merged_bin', 'merged_at');
CREATE TRIGGER lead_time_rollup_delete_merged AFTER DELETE ON pull_request_deployment
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_time_rollup_on_change('2', 'merged_bin', 'merged_at');

-- A pull request's row from its changes' first deployments, recomputed for the pull requests a
-- statement touched (every writer of change_first_deployment holds the service and environment's
-- advisory lock, so two never recompute the same pull request at once).
CREATE FUNCTION pull_request_deployment_on_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE format($q$
    WITH keys AS (
      SELECT DISTINCT service_id, environment_id, pr_number
      FROM (SELECT service_id, environment_id, pr_number FROM (%1$s) n UNION ALL SELECT service_id, environment_id, pr_number FROM (%2$s) o) k
      WHERE pr_number IS NOT NULL
    ),
    fresh AS (
      SELECT k.service_id, k.environment_id, k.pr_number, min(f.deployed_at) AS deployed_at,
        min(f.committed_at) AS first_committed_at, max(f.pr_merged_at) AS merged_at
      FROM keys k JOIN change_first_deployment f
        ON f.service_id = k.service_id AND f.pr_number = k.pr_number AND f.environment_id = k.environment_id
      GROUP BY 1, 2, 3
    ),
    gone AS (
      DELETE FROM pull_request_deployment p USING keys k
      WHERE p.service_id = k.service_id AND p.environment_id = k.environment_id AND p.pr_number = k.pr_number
        AND NOT EXISTS (SELECT 1 FROM fresh x WHERE x.service_id = k.service_id AND x.environment_id = k.environment_id AND x.pr_number = k.pr_number)
    )
    INSERT INTO pull_request_deployment AS p (service_id, environment_id, pr_number, deployed_at, first_committed_at, merged_at)
    SELECT * FROM fresh ORDER BY 1, 2, 3
    ON CONFLICT (service_id, environment_id, pr_number) DO UPDATE
      SET deployed_at = EXCLUDED.deployed_at, first_committed_at = EXCLUDED.first_committed_at, merged_at = EXCLUDED.merged_at
      WHERE (p.deployed_at, p.first_committed_at, p.merged_at) IS DISTINCT FROM (EXCLUDED.deployed_at, EXCLUDED.first_committed_at, EXCLUDED.merged_at)
  $q$,
    CASE WHEN TG_OP = 'DELETE' THEN 'SELECT * FROM old_rows LIMIT 0' ELSE 'SELECT * FROM new_rows' END,
    CASE WHEN TG_OP = 'INSERT' THEN 'SELECT * FROM new_rows LIMIT 0' ELSE 'SELECT * FROM old_rows' END);
  RETURN NULL;
END $fn$;
CREATE TRIGGER pull_request_deployment_insert AFTER INSERT ON change_first_deployment
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pull_request_deployment_on_change();
CREATE TRIGGER pull_request_deployment_update AFTER UPDATE ON change_first_deployment
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pull_request_deployment_on_change();
CREATE TRIGGER pull_request_deployment_delete AFTER DELETE ON change_first_deployment
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pull_request_deployment_on_change();

CREATE OR REPLACE FUNCTION lead_time_rollup_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  TRUNCATE lead_time_rollup, pull_request_deployment;
  RETURN NULL;
END $fn$;

-- A service that moves to another team takes its histograms (all spans) along; one that is deleted
-- takes them away first.
CREATE OR REPLACE FUNCTION lead_time_rollup_on_service() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO lead_time_rollup (team_id, environment_id, span, day, bin, changes, sum_ms)
  SELECT t.team_id, x.environment_id, x.span, x.day, x.bin, t.sign * sum(x.n)::int, t.sign * sum(x.ms)::bigint
  FROM (
    SELECT f.environment_id, 0::smallint AS span, (f.deployed_at AT TIME ZONE 'UTC')::date AS day, coalesce(f.lead_bin, -2) AS bin, 1 AS n,
      CASE WHEN f.lead_bin >= 0 THEN round(date_part('epoch', f.deployed_at - f.committed_at) * 1000) ELSE 0 END AS ms
    FROM change_first_deployment f WHERE f.service_id = OLD.id
    UNION ALL
    SELECT p.environment_id, 1::smallint, (p.deployed_at AT TIME ZONE 'UTC')::date, coalesce(p.first_commit_bin, -2), 1,
      CASE WHEN p.first_commit_bin >= 0 THEN round(date_part('epoch', p.deployed_at - p.first_committed_at) * 1000) ELSE 0 END
    FROM pull_request_deployment p WHERE p.service_id = OLD.id
    UNION ALL
    SELECT p.environment_id, 2::smallint, (p.deployed_at AT TIME ZONE 'UTC')::date, coalesce(p.merged_bin, -2), 1,
      CASE WHEN p.merged_bin >= 0 THEN round(date_part('epoch', p.deployed_at - p.merged_at) * 1000) ELSE 0 END
    FROM pull_request_deployment p WHERE p.service_id = OLD.id
  ) x
  CROSS JOIN (SELECT OLD.team_id, -1 UNION ALL SELECT NEW.team_id, 1 WHERE TG_OP = 'UPDATE') t(team_id, sign)
  GROUP BY t.team_id, t.sign, x.environment_id, x.span, x.day, x.bin
  ORDER BY 1, 2, 3, 4, 5;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $fn$;

-- the pull requests of the history already stored (their histograms follow from the triggers above)
INSERT INTO pull_request_deployment (service_id, environment_id, pr_number, deployed_at, first_committed_at, merged_at)
SELECT service_id, environment_id, pr_number, min(deployed_at), min(committed_at), max(pr_merged_at)
FROM change_first_deployment WHERE pr_number IS NOT NULL
GROUP BY 1, 2, 3;
