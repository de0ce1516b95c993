-- The metric queries read deployments per service and environment in time order with their status,
-- hotfix and rollback flags: with those in the index they never visit the table (index-only scans).

-- CreateIndex
CREATE INDEX "deployment_service_id_environment_id_finished_at_status_is__idx" ON "deployment"("service_id", "environment_id", "finished_at", "status", "is_hotfix", "rolls_back", "rolled_back", "id");

-- DropIndex (a prefix of the new one)
DROP INDEX "deployment_service_id_environment_id_finished_at_idx";
