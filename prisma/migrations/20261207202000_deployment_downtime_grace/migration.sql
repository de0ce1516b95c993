-- How long after a deployment finishes probe-observed downtime still counts as caused by it (issue 22).
ALTER TABLE "service" ADD COLUMN "downtime_grace_seconds" INTEGER NOT NULL DEFAULT 300;
