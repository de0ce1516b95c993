-- Goals (issue 24 item 5, docs/metrics.md "Goals"): a target per metric for a team (service_id NULL) or one of
-- its services, in the unit of the metric's headline in GET /api/v1/metrics. last_met: whether the goal was
-- met at the worker's last evaluation (NULL: never evaluated, or no data), so a crossing is seen once.
CREATE TABLE "goal" (
    "id" SERIAL NOT NULL,
    "team_id" INTEGER NOT NULL,
    "service_id" INTEGER,
    "metric" TEXT NOT NULL,
    "target" DOUBLE PRECISION NOT NULL,
    "last_met" BOOLEAN,
    "last_evaluated_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "goal_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "goal_metric_check" CHECK ("metric" IN ('deploymentFrequency', 'leadTime', 'changeFailureRate', 'timeToRestore', 'availability', 'compliance')),
    CONSTRAINT "goal_target_check" CHECK ("target" >= 0 AND "target" < 'Infinity')
);

CREATE UNIQUE INDEX "goal_team_id_service_id_metric_key" ON "goal"("team_id", "service_id", "metric") NULLS NOT DISTINCT;
CREATE INDEX "goal_service_id_idx" ON "goal"("service_id");

ALTER TABLE "goal" ADD CONSTRAINT "goal_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "goal" ADD CONSTRAINT "goal_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE CASCADE ON UPDATE CASCADE;
