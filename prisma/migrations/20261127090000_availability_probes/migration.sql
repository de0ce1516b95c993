-- CreateEnum
CREATE TYPE "SloWindow" AS ENUM ('rolling_28d', 'rolling_30d', 'calendar_quarter');

-- CreateEnum
CREATE TYPE "ProbeKind" AS ENUM ('http', 'tcp', 'external');

-- AlterTable
ALTER TABLE "service" ADD COLUMN     "slo_window" "SloWindow" NOT NULL DEFAULT 'rolling_30d';

-- CreateTable
CREATE TABLE "probe_check" (
    "id" SERIAL NOT NULL,
    "service_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ProbeKind" NOT NULL,
    "method" TEXT NOT NULL DEFAULT 'GET',
    "url" TEXT,
    "host" TEXT,
    "port" INTEGER,
    "expect_status_min" INTEGER NOT NULL DEFAULT 200,
    "expect_status_max" INTEGER NOT NULL DEFAULT 399,
    "body_contains" TEXT,
    "timeout_ms" INTEGER NOT NULL DEFAULT 5000,
    "interval_seconds" INTEGER NOT NULL DEFAULT 60,
    "failure_threshold" INTEGER NOT NULL DEFAULT 3,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "last_up" BOOLEAN,
    "last_sample_at" TIMESTAMPTZ(3),
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "down_since" TIMESTAMPTZ(3),
    "open_incident_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "probe_check_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "probe_state_change" (
    "id" BIGSERIAL NOT NULL,
    "check_id" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "up" BOOLEAN NOT NULL,
    "detail" TEXT,

    CONSTRAINT "probe_state_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "probe_rollup" (
    "check_id" INTEGER NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "ok" SMALLINT[],
    "fail" SMALLINT[],
    "latency_ms" SMALLINT[],

    CONSTRAINT "probe_rollup_pkey" PRIMARY KEY ("check_id","hour")
);

-- CreateIndex
CREATE UNIQUE INDEX "probe_check_service_id_name_key" ON "probe_check"("service_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "probe_state_change_check_id_at_key" ON "probe_state_change"("check_id", "at");

-- AddForeignKey
ALTER TABLE "probe_check" ADD CONSTRAINT "probe_check_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "probe_state_change" ADD CONSTRAINT "probe_state_change_check_id_fkey" FOREIGN KEY ("check_id") REFERENCES "probe_check"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "probe_rollup" ADD CONSTRAINT "probe_rollup_check_id_fkey" FOREIGN KEY ("check_id") REFERENCES "probe_check"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Probes run every 10 s at most (the scheduler and the rollups are sized for it), within their interval.
ALTER TABLE "probe_check" ADD CONSTRAINT "probe_check_interval_check" CHECK ("interval_seconds" >= 10 AND "timeout_ms" BETWEEN 100 AND 30000 AND "timeout_ms" < "interval_seconds" * 1000);
