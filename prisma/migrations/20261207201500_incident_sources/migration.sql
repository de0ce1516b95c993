-- Incident sources (lib/incident-sources): PagerDuty, Opsgenie, incident.io and Alertmanager webhooks of a
-- team, the rules that map their events to services, and every event received (idempotency by the
-- sender's id; unmapped events kept for Settings).
CREATE TABLE "incident_source" (
    "id" SERIAL NOT NULL,
    "team_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "secret_enc" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_source_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "incident_source_kind_check"
        CHECK ("kind" IN ('pagerduty', 'opsgenie', 'incident_io', 'alertmanager'))
);
CREATE UNIQUE INDEX "incident_source_team_id_name_key" ON "incident_source"("team_id", "name");
ALTER TABLE "incident_source" ADD CONSTRAINT "incident_source_team_id_fkey"
    FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- match: 'service' (the vendor's service id or name), 'tag', 'label' (key = the label's name; '' otherwise)
CREATE TABLE "incident_source_rule" (
    "id" SERIAL NOT NULL,
    "source_id" INTEGER NOT NULL,
    "match" TEXT NOT NULL,
    "key" TEXT NOT NULL DEFAULT '',
    "value" TEXT NOT NULL,
    "service_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_source_rule_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "incident_source_rule_match_check" CHECK ("match" IN ('service', 'tag', 'label'))
);
CREATE UNIQUE INDEX "incident_source_rule_source_id_match_key_value_key" ON "incident_source_rule"("source_id", "match", "key", "value");
ALTER TABLE "incident_source_rule" ADD CONSTRAINT "incident_source_rule_source_id_fkey"
    FOREIGN KEY ("source_id") REFERENCES "incident_source"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "incident_source_rule" ADD CONSTRAINT "incident_source_rule_service_id_fkey"
    FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One row per vendor incident in a delivery (an Alertmanager group holds several alerts).
-- state: applied, unmapped (no rule matched; attributes list what a rule could match), stale (older than
-- an event applied before), ignored.
CREATE TABLE "incident_source_event" (
    "id" BIGSERIAL NOT NULL,
    "source_id" INTEGER NOT NULL,
    "event_key" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "vendor_incident_id" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3),
    "state" TEXT NOT NULL,
    "note" TEXT,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "incident_id" INTEGER,
    "raw_body" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_source_event_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "incident_source_event_source_id_event_key_key" ON "incident_source_event"("source_id", "event_key");
CREATE INDEX "incident_source_event_source_id_vendor_incident_id_idx" ON "incident_source_event"("source_id", "vendor_incident_id");
CREATE INDEX "incident_source_event_state_idx" ON "incident_source_event"("state", "received_at");
ALTER TABLE "incident_source_event" ADD CONSTRAINT "incident_source_event_source_id_fkey"
    FOREIGN KEY ("source_id") REFERENCES "incident_source"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "incident_source_event" ADD CONSTRAINT "incident_source_event_incident_id_fkey"
    FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;
