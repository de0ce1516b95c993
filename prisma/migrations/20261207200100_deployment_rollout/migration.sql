-- A progressive deployment's rollout (issue 22): traffic steps, readiness, promotion or abort, and the
-- highest traffic share reached (the blast radius of a failure). IF NOT EXISTS: this migration first
-- landed as 20261207195000_deployment_rollout, older than one landed just before it; renamed to apply
-- in order, it must not fail on a database that applied it under the old name.
ALTER TABLE "deployment" ADD COLUMN IF NOT EXISTS "rollout_steps" JSONB,
ADD COLUMN IF NOT EXISTS "ready_at" TIMESTAMPTZ(3),
ADD COLUMN IF NOT EXISTS "promoted_at" TIMESTAMPTZ(3),
ADD COLUMN IF NOT EXISTS "aborted_at" TIMESTAMPTZ(3),
ADD COLUMN IF NOT EXISTS "max_weight" REAL;
