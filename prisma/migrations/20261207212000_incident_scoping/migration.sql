-- Incident scoping per service (docs/metrics.md): which severities count for change failure rate and for
-- time to restore (NULL: all), and per incident a "not caused by a change" mark (kept in time to restore,
-- never a change failure). An incident without a severity always counts: nothing says it is minor.
ALTER TABLE "service" ADD COLUMN "cfr_severities" "IncidentSeverity"[],
  ADD COLUMN "ttr_severities" "IncidentSeverity"[];
ALTER TABLE "incident" ADD COLUMN "not_caused_by_change" BOOLEAN NOT NULL DEFAULT false;

-- The one definition of the rules, used by the trigger below, the rollup rebuild and every metric query.
CREATE FUNCTION incident_counts_for_cfr(not_caused boolean, severity "IncidentSeverity", severities "IncidentSeverity"[])
  RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT NOT not_caused AND (severities IS NULL OR severity IS NULL OR severity = ANY(severities)) $$;
CREATE FUNCTION incident_counts_for_ttr(severity "IncidentSeverity", severities "IncidentSeverity"[])
  RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT severities IS NULL OR severity IS NULL OR severity = ANY(severities) $$;

-- deployment.caused_incident: named as the cause by an incident that counts for change failure rate. The
-- statement trigger of 20261127100000_incident_flags_set_based, with that condition (it fires on every
-- update of incident, so a changed mark or severity recounts the deployment it names).
CREATE OR REPLACE FUNCTION deployment_incident_flags_on_incident() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  ids int[];
BEGIN
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
  causes AS (
    SELECT DISTINCT i.cause_deployment_id AS id FROM incident i JOIN named n ON n.id = i.cause_deployment_id JOIN service s ON s.id = i.service_id
    WHERE incident_counts_for_cfr(i.not_caused_by_change, i.severity, s.cfr_severities)),
  fixes AS (SELECT DISTINCT i.fix_deployment_id AS id FROM incident i JOIN named n ON n.id = i.fix_deployment_id)
  UPDATE deployment d SET caused_incident = c.id IS NOT NULL, fixed_incident = f.id IS NOT NULL
  FROM named n LEFT JOIN causes c ON c.id = n.id LEFT JOIN fixes f ON f.id = n.id
  WHERE d.id = n.id AND (d.caused_incident, d.fixed_incident) IS DISTINCT FROM (c.id IS NOT NULL, f.id IS NOT NULL);
  RETURN NULL;
END $fn$;
