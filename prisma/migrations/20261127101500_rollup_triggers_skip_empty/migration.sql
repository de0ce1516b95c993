-- Statement triggers fire for statements that touched no row too (the rollback-flag and next-success
-- refreshes usually change nothing; refreshing first deployments deletes nothing for a new one). Their
-- dynamic statement was parsed and planned every time: about a millisecond of PostgreSQL CPU per
-- ingested deployment. Leave early when the transition table is empty.

CREATE OR REPLACE FUNCTION lead_time_rollup_on_change()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  -- nothing changed: no statement to plan
  IF TG_OP <> 'DELETE' THEN PERFORM 1 FROM new_rows LIMIT 1; ELSE PERFORM 1 FROM old_rows LIMIT 1; END IF;
  IF NOT FOUND THEN RETURN NULL; END IF;
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
END $function$;

CREATE OR REPLACE FUNCTION pull_request_deployment_on_change()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  -- nothing changed: no statement to plan
  IF TG_OP <> 'DELETE' THEN PERFORM 1 FROM new_rows LIMIT 1; ELSE PERFORM 1 FROM old_rows LIMIT 1; END IF;
  IF NOT FOUND THEN RETURN NULL; END IF;
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
END $function$;

CREATE OR REPLACE FUNCTION deployment_rollup_on_change()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  -- nothing changed: no statement to plan
  IF TG_OP <> 'DELETE' THEN PERFORM 1 FROM new_rows LIMIT 1; ELSE PERFORM 1 FROM old_rows LIMIT 1; END IF;
  IF NOT FOUND THEN RETURN NULL; END IF;
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
END $function$;

CREATE OR REPLACE FUNCTION deployment_incident_flags_on_incident()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  ids int[];
BEGIN
  -- nothing changed: no statement to plan
  IF TG_OP <> 'DELETE' THEN PERFORM 1 FROM new_rows LIMIT 1; ELSE PERFORM 1 FROM old_rows LIMIT 1; END IF;
  IF NOT FOUND THEN RETURN NULL; END IF;
  EXECUTE format($q$
    SELECT coalesce(array_agg(DISTINCT x ORDER BY x), '{}') FROM (
      SELECT unnest(ARRAY[cause_deployment_id, fix_deployment_id]) FROM (%1$s) n
      UNION ALL
      SELECT unnest(ARRAY[cause_deployment_id, fix_deployment_id]) FROM (%2$s) o
    ) t(x) WHERE x IS NOT NULL
  $q$,
    CASE WHEN TG_OP = 'DELETE' THEN 'SELECT * FROM old_rows LIMIT 0' ELSE 'SELECT * FROM new_rows' END,
    CASE WHEN TG_OP = 'INSERT' THEN 'SELECT * FROM new_rows LIMIT 0' ELSE 'SELECT * FROM old_rows' END) INTO ids;
  IF cardinality(ids) = 0 THEN RETURN NULL; END IF;
  PERFORM 1 FROM deployment WHERE id = ANY(ids) ORDER BY id FOR UPDATE;
  WITH named AS (SELECT unnest(ids) AS id),
  causes AS (SELECT DISTINCT i.cause_deployment_id AS id FROM incident i JOIN named n ON n.id = i.cause_deployment_id),
  fixes AS (SELECT DISTINCT i.fix_deployment_id AS id FROM incident i JOIN named n ON n.id = i.fix_deployment_id)
  UPDATE deployment d SET caused_incident = c.id IS NOT NULL, fixed_incident = f.id IS NOT NULL
  FROM named n LEFT JOIN causes c ON c.id = n.id LEFT JOIN fixes f ON f.id = n.id
  WHERE d.id = n.id AND (d.caused_incident, d.fixed_incident) IS DISTINCT FROM (c.id IS NOT NULL, f.id IS NOT NULL);
  RETURN NULL;
END $function$;
