-- Notification channels (lib/notify): where a team's alerts go (Slack, Microsoft Teams, e-mail over SMTP, a
-- signed generic webhook), what was sent (notification), and one delivery per (channel, alert key) stored
-- before anything is sent, so a retry or a second enqueue of the same alert never sends a second copy.
CREATE TABLE "notification_channel" (
    "id" SERIAL NOT NULL,
    "team_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    -- the notification kinds this channel receives (incident_opened, burn_rate, digest, ...)
    "events" TEXT[] NOT NULL,
    -- what Settings shows of the destination (a URL's host, an SMTP host and recipients): never a secret
    "target" TEXT NOT NULL,
    -- settings that are not secret (e-mail: host, port, security, username, from, to)
    "config" JSONB NOT NULL DEFAULT '{}',
    -- sealed JSON (lib/crypto/secret-box.ts): webhook URLs (they carry the token), SMTP password, signing secret
    "secret_enc" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_channel_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "notification_channel_kind_check" CHECK ("kind" IN ('slack', 'teams', 'email', 'webhook'))
);
CREATE UNIQUE INDEX "notification_channel_team_id_name_key" ON "notification_channel"("team_id", "name");
ALTER TABLE "notification_channel" ADD CONSTRAINT "notification_channel_team_id_fkey"
    FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One alert of a team, as the sender described it (title, summary, fields, links, severity).
CREATE TABLE "notification" (
    "id" BIGSERIAL NOT NULL,
    "team_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "notification_team_id_key_key" ON "notification"("team_id", "key");
ALTER TABLE "notification" ADD CONSTRAINT "notification_team_id_fkey"
    FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Files sent with an alert by e-mail (the quarterly report's PDF); chat channels get the links only.
CREATE TABLE "notification_attachment" (
    "id" BIGSERIAL NOT NULL,
    "notification_id" BIGINT NOT NULL,
    "filename" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "content" BYTEA NOT NULL,

    CONSTRAINT "notification_attachment_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "notification_attachment_notification_id_idx" ON "notification_attachment"("notification_id");
ALTER TABLE "notification_attachment" ADD CONSTRAINT "notification_attachment_notification_id_fkey"
    FOREIGN KEY ("notification_id") REFERENCES "notification"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- state: pending (stored, no job yet), queued (a job holds it), sending, sent, failed (retries spent or refused)
CREATE TABLE "notification_delivery" (
    "id" BIGSERIAL NOT NULL,
    "notification_id" BIGINT NOT NULL,
    "channel_id" INTEGER NOT NULL,
    "alert_key" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "notification_delivery_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "notification_delivery_state_check" CHECK ("state" IN ('pending', 'queued', 'sending', 'sent', 'failed'))
);
CREATE UNIQUE INDEX "notification_delivery_channel_id_alert_key_key" ON "notification_delivery"("channel_id", "alert_key");
CREATE INDEX "notification_delivery_state_id_idx" ON "notification_delivery"("state", "id");
CREATE INDEX "notification_delivery_notification_id_idx" ON "notification_delivery"("notification_id");
ALTER TABLE "notification_delivery" ADD CONSTRAINT "notification_delivery_notification_id_fkey"
    FOREIGN KEY ("notification_id") REFERENCES "notification"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notification_delivery" ADD CONSTRAINT "notification_delivery_channel_id_fkey"
    FOREIGN KEY ("channel_id") REFERENCES "notification_channel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The delivery log: every attempt with its outcome (sent, failed, refused), the answer's status and a short detail.
CREATE TABLE "notification_attempt" (
    "id" BIGSERIAL NOT NULL,
    "delivery_id" BIGINT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" TEXT NOT NULL,
    "response_code" INTEGER,
    "detail" TEXT,

    CONSTRAINT "notification_attempt_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "notification_attempt_outcome_check" CHECK ("outcome" IN ('sent', 'failed', 'refused'))
);
CREATE INDEX "notification_attempt_delivery_id_idx" ON "notification_attempt"("delivery_id");
ALTER TABLE "notification_attempt" ADD CONSTRAINT "notification_attempt_delivery_id_fkey"
    FOREIGN KEY ("delivery_id") REFERENCES "notification_delivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;
