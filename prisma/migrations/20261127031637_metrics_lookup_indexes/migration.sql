-- CreateIndex
CREATE INDEX "change_service_id_pr_number_idx" ON "change"("service_id", "pr_number");

-- CreateIndex
CREATE INDEX "incident_fix_deployment_id_idx" ON "incident"("fix_deployment_id");

-- CreateIndex
CREATE INDEX "incident_resolved_at_idx" ON "incident"("resolved_at");
