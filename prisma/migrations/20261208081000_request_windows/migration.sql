-- Request-based availability (issue 27): windows of good and total request counts per service, pushed through
-- POST /api/v1/availability or read from Prometheus. A window replaces every stored window it overlaps (never
-- adds to it), so a window is counted once whatever is sent again.
CREATE TABLE "request_window" (
    "id" BIGSERIAL NOT NULL,
    "service_id" INTEGER NOT NULL,
    "from_at" TIMESTAMPTZ(3) NOT NULL,
    "to_at" TIMESTAMPTZ(3) NOT NULL,
    "good" BIGINT NOT NULL,
    "total" BIGINT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'api',
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "request_window_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "request_window_counts_check" CHECK ("good" >= 0 AND "good" <= "total"),
    CONSTRAINT "request_window_length_check" CHECK ("to_at" >= "from_at" + interval '1 minute')
);

CREATE INDEX "request_window_service_id_from_at_idx" ON "request_window"("service_id", "from_at");

ALTER TABLE "request_window" ADD CONSTRAINT "request_window_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Which indicator a service's SLO uses: 'probes' or 'requests'; NULL: requests once any are recorded, else probes.
ALTER TABLE "service" ADD COLUMN "slo_indicator" TEXT;
ALTER TABLE "service" ADD CONSTRAINT "service_slo_indicator_check" CHECK ("slo_indicator" IN ('probes', 'requests'));
