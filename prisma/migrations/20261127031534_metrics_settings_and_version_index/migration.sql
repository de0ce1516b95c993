-- AlterTable
ALTER TABLE "service" ADD COLUMN     "incident_attribution_hours" INTEGER NOT NULL DEFAULT 72,
ADD COLUMN     "slo_target" DECIMAL(6,3) NOT NULL DEFAULT 99.9;

-- CreateIndex
CREATE INDEX "deployment_service_id_environment_id_version_idx" ON "deployment"("service_id", "environment_id", "version");
