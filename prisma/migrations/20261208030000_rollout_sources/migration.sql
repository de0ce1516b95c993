-- Rollout sources (lib/rollout-sources, issue 22): a team's Flagger or Argo Rollouts sending its rollout events
-- by webhook with a per-source token, and every event received (idempotent on the body's digest; which
-- rollout, so which deployment, each event belonged to).
CREATE TABLE "rollout_source" (
    "id" SERIAL NOT NULL,
    "team_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "secret_enc" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rollout_source_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "rollout_source_kind_check" CHECK ("kind" IN ('flagger', 'argo_rollouts'))
);
CREATE UNIQUE INDEX "rollout_source_team_id_name_key" ON "rollout_source"("team_id", "name");
ALTER TABLE "rollout_source" ADD CONSTRAINT "rollout_source_team_id_fkey"
    FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- target: the sender's object (namespace/name); rollout_key: the deployment's external id the event was
-- applied to (null: ignored). state: applied or ignored (note says why).
CREATE TABLE "rollout_source_event" (
    "id" BIGSERIAL NOT NULL,
    "source_id" INTEGER NOT NULL,
    "event_key" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "rollout_key" TEXT,
    "state" TEXT NOT NULL,
    "note" TEXT,
    "deployment_id" INTEGER,
    "raw_body" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rollout_source_event_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "rollout_source_event_state_check" CHECK ("state" IN ('applied', 'ignored'))
);
CREATE UNIQUE INDEX "rollout_source_event_source_id_event_key_key" ON "rollout_source_event"("source_id", "event_key");
CREATE INDEX "rollout_source_event_source_id_target_occurred_at_idx" ON "rollout_source_event"("source_id", "target", "occurred_at");
ALTER TABLE "rollout_source_event" ADD CONSTRAINT "rollout_source_event_source_id_fkey"
    FOREIGN KEY ("source_id") REFERENCES "rollout_source"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "rollout_source_event" ADD CONSTRAINT "rollout_source_event_deployment_id_fkey"
    FOREIGN KEY ("deployment_id") REFERENCES "deployment"("id") ON DELETE SET NULL ON UPDATE CASCADE;
