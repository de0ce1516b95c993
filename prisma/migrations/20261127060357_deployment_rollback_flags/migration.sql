-- Rollback flags derived at ingest (lib/queries/refresh-rollback-flags.ts) so the change failure queries
-- read them instead of ordering every deployment of the window and probing its version history.

-- AlterTable
ALTER TABLE "deployment" ADD COLUMN     "rolled_back" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "rolls_back" BOOLEAN NOT NULL DEFAULT false;

-- Backfill: the rules of lib/queries/refresh-rollback-flags.ts over every sequence (service, environment;
-- deployments with status success or failure, by finished_at, id)
WITH seq AS (
  SELECT d.id, d.service_id, d.environment_id, d.finished_at, d.version, d.is_rollback,
    lag(d.version) OVER w AS prev_version, lag(d.finished_at) OVER w AS prev_finished_at,
    min(d.finished_at) FILTER (WHERE d.status = 'success') OVER (PARTITION BY d.service_id, d.environment_id, d.version)
      AS version_first_success
  FROM deployment d
  WHERE d.status IN ('success', 'failure') AND d.finished_at IS NOT NULL
  WINDOW w AS (PARTITION BY d.service_id, d.environment_id ORDER BY d.finished_at, d.id)
),
flagged AS (
  SELECT seq.*, seq.is_rollback OR coalesce(seq.version <> seq.prev_version
    AND seq.version_first_success < seq.prev_finished_at, false) AS rolls_back
  FROM seq
),
sequenced AS (
  SELECT f.id, f.rolls_back, coalesce(lead(f.rolls_back) OVER (PARTITION BY f.service_id, f.environment_id
    ORDER BY f.finished_at, f.id), false) AS rolled_back
  FROM flagged f
)
UPDATE deployment d SET rolls_back = s.rolls_back, rolled_back = s.rolled_back
FROM sequenced s WHERE d.id = s.id AND (d.rolls_back, d.rolled_back) IS DISTINCT FROM (s.rolls_back, s.rolled_back);
