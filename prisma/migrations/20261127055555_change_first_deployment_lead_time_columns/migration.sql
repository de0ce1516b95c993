-- Lead time reads the change's service, time and pull request from change_first_deployment itself
-- (one index-only scan per service and environment) instead of joining every change of the window.

-- DropIndex
DROP INDEX "change_first_deployment_environment_id_deployed_at_idx";

-- AlterTable: added nullable, filled from change, then made required
ALTER TABLE "change_first_deployment" ADD COLUMN     "committed_at" TIMESTAMPTZ(3),
ADD COLUMN     "pr_number" INTEGER,
ADD COLUMN     "pr_merged_at" TIMESTAMPTZ(3),
ADD COLUMN     "service_id" INTEGER;

UPDATE "change_first_deployment" f
SET "service_id" = c."service_id", "committed_at" = COALESCE(c."committed_at", c."authored_at"), "pr_number" = c."pr_number", "pr_merged_at" = c."pr_merged_at"
FROM "change" c WHERE c."id" = f."change_id";

ALTER TABLE "change_first_deployment" ALTER COLUMN "service_id" SET NOT NULL;

-- CreateIndex
CREATE INDEX "change_first_deployment_service_id_environment_id_deployed__idx" ON "change_first_deployment"("service_id", "environment_id", "deployed_at", "committed_at", "pr_number", "pr_merged_at");

-- AddForeignKey
ALTER TABLE "change_first_deployment" ADD CONSTRAINT "change_first_deployment_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
