-- Quarter-end reports to make in the background: the worker's pump turns each row into a job
-- (lib/jobs/registry.ts). The demo loader queues its two stored reports here instead of building the
-- PDFs during the load.
-- CreateTable
CREATE TABLE "pending_report" (
    "id" SERIAL NOT NULL,
    "team" TEXT,
    "as_of" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pending_report_pkey" PRIMARY KEY ("id")
);
