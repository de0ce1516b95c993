-- A progressive deployment's rollout (issue 22): traffic steps, readiness, promotion or abort, and the
-- highest traffic share reached (the blast radius of a failure).
ALTER TABLE "deployment" ADD COLUMN "rollout_steps" JSONB,
ADD COLUMN "ready_at" TIMESTAMPTZ(3),
ADD COLUMN "promoted_at" TIMESTAMPTZ(3),
ADD COLUMN "aborted_at" TIMESTAMPTZ(3),
ADD COLUMN "max_weight" REAL;
