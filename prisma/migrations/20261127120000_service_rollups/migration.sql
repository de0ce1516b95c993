-- Rollups per service next to the per-team ones, so a scope of some services (one service, or any
-- set that is not whole teams) reads histograms and counts instead of every row. The same statement
-- triggers write both. A single service has few changes a day (about one per histogram bin), so its
-- lead-time histograms are per UTC week (from Monday); its deployment counts are per UTC day like a
-- team's. See lib/queries/metrics/span-histograms.ts.

-- CreateTable
CREATE TABLE "lead_time_service_rollup" (
    "id" BIGSERIAL NOT NULL,
    "service_id" INTEGER NOT NULL,
    "environment_id" INTEGER NOT NULL,
    "span" SMALLINT NOT NULL,
    "week" DATE NOT NULL,
    "bin" SMALLINT NOT NULL,
    "changes" INTEGER NOT NULL,
    "sum_ms" BIGINT NOT NULL,

    CONSTRAINT "lead_time_service_rollup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deployment_service_rollup" (
    "id" BIGSERIAL NOT NULL,
    "service_id" INTEGER NOT NULL,
    "environment_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "success" INTEGER NOT NULL,
    "failure" INTEGER NOT NULL,
    "rolled_back" INTEGER NOT NULL,
    "change_failure" INTEGER NOT NULL,
    "caused_incident" INTEGER NOT NULL,
    "unplanned" INTEGER NOT NULL,

    CONSTRAINT "deployment_service_rollup_pkey" PRIMARY KEY ("id")
);

-- The same bins, but inlinable: a STRICT SQL function whose body is not provably strict is called
-- (about 7 µs a row) instead of inlined; the edge pieces of a histogram read compute it per row. NULL
-- still gives NULL (least() alone would give 511). The stored generated columns keep their values.
CREATE OR REPLACE FUNCTION lead_time_bin(seconds double precision) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN seconds IS NULL THEN NULL WHEN seconds < 0 THEN -1 WHEN seconds < 1 THEN 0
    ELSE least(511, 1 + floor(16 * ln(seconds) / ln(2)))::smallint END
$$;

-- Exact percentiles read one bin's values in a time range: led by the service, so one service reads
-- only its own values (a team's services are one index descent each).
DROP INDEX "change_first_deployment_environment_id_lead_bin_deployed_at_idx";
DROP INDEX "pull_request_deployment_environment_id_first_commit_bin_dep_idx";
DROP INDEX "pull_request_deployment_environment_id_merged_bin_deployed__idx";
CREATE INDEX "change_first_deployment_service_id_environment_id_lead_bin__idx" ON "change_first_deployment"("service_id", "environment_id", "lead_bin", "deployed_at", "committed_at");
CREATE INDEX "pull_request_deployment_service_id_environment_id_first_com_idx" ON "pull_request_deployment"("service_id", "environment_id", "first_commit_bin", "deployed_at", "first_committed_at");
CREATE INDEX "pull_request_deployment_service_id_environment_id_merged_bi_idx" ON "pull_request_deployment"("service_id", "environment_id", "merged_bin", "deployed_at", "merged_at");

-- Histogram deltas of any span source (TG_ARGV = span, bin column, start column), per team and day,
-- and per service and week. Deltas of a deleted service's rows find no service and are dropped (the
-- service's trigger below took its rows away).
CREATE OR REPLACE FUNCTION lead_time_rollup_on_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  -- nothing changed: no statement to plan
  IF TG_OP <> 'DELETE' THEN PERFORM 1 FROM new_rows LIMIT 1; ELSE PERFORM 1 FROM old_rows LIMIT 1; END IF;
  IF NOT FOUND THEN RETURN NULL; END IF;
  EXECUTE format($q$
    WITH per_day AS (
      SELECT d.service_id, s.team_id, d.environment_id, d.day, d.bin, sum(d.sign)::int AS n, sum(d.sign * d.ms)::bigint AS ms
      FROM (
        SELECT service_id, environment_id, 1 AS sign, day, bin, ms FROM (%1$s) n, LATERAL (%3$s) x
        UNION ALL
        SELECT service_id, environment_id, -1, day, bin, ms FROM (%2$s) o, LATERAL (%3$s) x
      ) d JOIN service s ON s.id = d.service_id
      GROUP BY 1, 2, 3, 4, 5
      HAVING sum(d.sign) <> 0 OR sum(d.sign * d.ms) <> 0
    ),
    by_service AS (
      INSERT INTO lead_time_service_rollup (service_id, environment_id, span, week, bin, changes, sum_ms)
      SELECT service_id, environment_id, %4$s, date_trunc('week', day::timestamp)::date, bin, sum(n)::int, sum(ms)::bigint FROM per_day
      GROUP BY 1, 2, 4, 5
      HAVING sum(n) <> 0 OR sum(ms) <> 0
      ORDER BY 1, 2, 4, 5
    )
    INSERT INTO lead_time_rollup (team_id, environment_id, span, day, bin, changes, sum_ms)
    SELECT team_id, environment_id, %4$s, day, bin, sum(n)::int, sum(ms)::bigint FROM per_day
    GROUP BY team_id, environment_id, day, bin
    HAVING sum(n) <> 0 OR sum(ms) <> 0
    ORDER BY 1, 2, 4, 5
  $q$,
    CASE WHEN TG_OP = 'DELETE' THEN 'SELECT * FROM old_rows LIMIT 0' ELSE 'SELECT * FROM new_rows' END,
    CASE WHEN TG_OP = 'INSERT' THEN 'SELECT * FROM new_rows LIMIT 0' ELSE 'SELECT * FROM old_rows' END,
    format($x$SELECT (deployed_at AT TIME ZONE 'UTC')::date AS day, coalesce(%1$I, -2) AS bin,
      CASE WHEN %1$I >= 0 THEN round(date_part('epoch', deployed_at - %2$I) * 1000)::bigint ELSE 0 END AS ms$x$, TG_ARGV[1], TG_ARGV[2]),
    TG_ARGV[0]::smallint);
  RETURN NULL;
END $fn$;

CREATE OR REPLACE FUNCTION deployment_rollup_on_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  -- nothing changed: no statement to plan
  IF TG_OP <> 'DELETE' THEN PERFORM 1 FROM new_rows LIMIT 1; ELSE PERFORM 1 FROM old_rows LIMIT 1; END IF;
  IF NOT FOUND THEN RETURN NULL; END IF;
  EXECUTE format($q$
    WITH per_service AS (
      SELECT * FROM (
        SELECT d.service_id, s.team_id, d.environment_id, (d.finished_at AT TIME ZONE 'UTC')::date AS day,
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
        GROUP BY 1, 2, 3, 4
      ) x
      -- an update that changed nothing counted (a version, a URL) leaves no row
      WHERE (success, failure, rolled_back, change_failure, caused_incident, unplanned) <> (0, 0, 0, 0, 0, 0)
    ),
    by_service AS (
      INSERT INTO deployment_service_rollup (service_id, environment_id, day, success, failure, rolled_back, change_failure, caused_incident, unplanned)
      SELECT service_id, environment_id, day, success, failure, rolled_back, change_failure, caused_incident, unplanned FROM per_service
      ORDER BY 1, 2, 3
    )
    INSERT INTO deployment_rollup (team_id, environment_id, day, success, failure, rolled_back, change_failure, caused_incident, unplanned)
    SELECT * FROM (
      SELECT team_id, environment_id, day, sum(success)::int AS s, sum(failure)::int AS f, sum(rolled_back)::int AS rb,
        sum(change_failure)::int AS cf, sum(caused_incident)::int AS ci, sum(unplanned)::int AS u
      FROM per_service GROUP BY 1, 2, 3
    ) t
    WHERE (s, f, rb, cf, ci, u) <> (0, 0, 0, 0, 0, 0)
    ORDER BY 1, 2, 3
  $q$,
    CASE WHEN TG_OP = 'DELETE' THEN 'SELECT * FROM old_rows LIMIT 0' ELSE 'SELECT * FROM new_rows' END,
    CASE WHEN TG_OP = 'INSERT' THEN 'SELECT * FROM new_rows LIMIT 0' ELSE 'SELECT * FROM old_rows' END);
  RETURN NULL;
END $fn$;

-- A service that moves to another team takes its histograms (all spans) along; one that is deleted
-- takes them away first, and its own rows with it.
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
  IF TG_OP = 'DELETE' THEN DELETE FROM lead_time_service_rollup WHERE service_id = OLD.id; END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $fn$;

-- A service that moves to another team takes its counts along, one that is deleted takes them away
-- (and its own rows): its per-service rows' sums, moved between the teams' rows.
CREATE OR REPLACE FUNCTION deployment_rollup_on_service() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO deployment_rollup (team_id, environment_id, day, success, failure, rolled_back, change_failure, caused_incident, unplanned)
  SELECT * FROM (
    SELECT t.team_id, r.environment_id, r.day, t.sign * sum(r.success)::int AS s, t.sign * sum(r.failure)::int AS f,
      t.sign * sum(r.rolled_back)::int AS rb, t.sign * sum(r.change_failure)::int AS cf, t.sign * sum(r.caused_incident)::int AS ci,
      t.sign * sum(r.unplanned)::int AS u
    FROM deployment_service_rollup r
    CROSS JOIN (SELECT OLD.team_id, -1 UNION ALL SELECT NEW.team_id, 1 WHERE TG_OP = 'UPDATE') t(team_id, sign)
    WHERE r.service_id = OLD.id
    GROUP BY t.team_id, t.sign, 2, 3
  ) x
  WHERE (s, f, rb, cf, ci, u) <> (0, 0, 0, 0, 0, 0)
  ORDER BY 1, 2, 3;
  IF TG_OP = 'DELETE' THEN DELETE FROM deployment_service_rollup WHERE service_id = OLD.id; END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $fn$;

CREATE OR REPLACE FUNCTION lead_time_rollup_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  TRUNCATE lead_time_rollup, lead_time_service_rollup, pull_request_deployment;
  RETURN NULL;
END $fn$;

CREATE OR REPLACE FUNCTION deployment_rollup_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  TRUNCATE deployment_rollup, deployment_service_rollup;
  RETURN NULL;
END $fn$;

-- the per-service rows of the history already stored
INSERT INTO lead_time_service_rollup (service_id, environment_id, span, week, bin, changes, sum_ms)
SELECT service_id, environment_id, span, week, bin, count(*)::int, coalesce(sum(ms), 0)::bigint
FROM (
  SELECT service_id, environment_id, 0 AS span, date_trunc('week', deployed_at AT TIME ZONE 'UTC')::date AS week, coalesce(lead_bin, -2) AS bin,
    CASE WHEN lead_bin >= 0 THEN round(date_part('epoch', deployed_at - committed_at) * 1000) END AS ms
  FROM change_first_deployment
  UNION ALL
  SELECT service_id, environment_id, 1, date_trunc('week', deployed_at AT TIME ZONE 'UTC')::date, coalesce(first_commit_bin, -2),
    CASE WHEN first_commit_bin >= 0 THEN round(date_part('epoch', deployed_at - first_committed_at) * 1000) END
  FROM pull_request_deployment
  UNION ALL
  SELECT service_id, environment_id, 2, date_trunc('week', deployed_at AT TIME ZONE 'UTC')::date, coalesce(merged_bin, -2),
    CASE WHEN merged_bin >= 0 THEN round(date_part('epoch', deployed_at - merged_at) * 1000) END
  FROM pull_request_deployment
) x
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO deployment_service_rollup (service_id, environment_id, day, success, failure, rolled_back, change_failure, caused_incident, unplanned)
SELECT service_id, environment_id, (finished_at AT TIME ZONE 'UTC')::date,
  count(*) FILTER (WHERE status = 'success'), count(*) FILTER (WHERE status = 'failure'),
  count(*) FILTER (WHERE rolled_back), count(*) FILTER (WHERE change_failure),
  count(*) FILTER (WHERE caused_incident), count(*) FILTER (WHERE is_hotfix OR rolls_back OR fixed_incident)
FROM deployment
WHERE status IN ('success', 'failure') AND finished_at IS NOT NULL
GROUP BY 1, 2, 3;

-- CreateIndex (after the backfill)
-- with the counts: a service's weeks are an index-only scan, not a heap page per row
CREATE INDEX "lead_time_service_rollup_service_id_environment_id_span_wee_idx" ON "lead_time_service_rollup"("service_id", "environment_id", "span", "week", "bin", "changes", "sum_ms");
CREATE INDEX "deployment_service_rollup_service_id_environment_id_day_idx" ON "deployment_service_rollup"("service_id", "environment_id", "day");
