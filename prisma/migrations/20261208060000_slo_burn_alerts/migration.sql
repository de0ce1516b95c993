-- SLO burn-rate alerts (issue 24, docs/notifications.md): one row per alert a rule of the SRE workbook
-- opened for a service, resolved when the rule no longer holds. At most one open alert per service and
-- rule, and one row per (service, rule, opening minute), so a rerun or a restarted worker never duplicates.
CREATE TABLE "slo_alert" (
    "id" SERIAL NOT NULL,
    "service_id" INTEGER NOT NULL,
    "rule" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "slo_target" DECIMAL(6,3) NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "resolved_at" TIMESTAMPTZ(3),
    "long_burn_rate" DOUBLE PRECISION NOT NULL,
    "short_burn_rate" DOUBLE PRECISION NOT NULL,
    CONSTRAINT "slo_alert_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "slo_alert_rule_check" CHECK ("rule" IN ('page_1h', 'page_6h', 'ticket_3d')),
    CONSTRAINT "slo_alert_severity_check" CHECK ("severity" IN ('page', 'ticket')),
    CONSTRAINT "slo_alert_resolved_after_opened" CHECK ("resolved_at" IS NULL OR "resolved_at" > "opened_at")
);

CREATE UNIQUE INDEX "slo_alert_service_id_rule_opened_at_key" ON "slo_alert"("service_id", "rule", "opened_at");
CREATE UNIQUE INDEX "slo_alert_one_open" ON "slo_alert"("service_id", "rule") WHERE "resolved_at" IS NULL;

ALTER TABLE "slo_alert" ADD CONSTRAINT "slo_alert_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE CASCADE ON UPDATE CASCADE;
