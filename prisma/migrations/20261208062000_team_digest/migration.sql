-- Weekly digests (issue 24, docs/notifications.md): a team's time zone (its digest goes out at 09:00 on
-- Monday there; UTC until an admin sets one), and one row per team and week a digest was sent for, taken in
-- the transaction that enqueues it, so reruns and restarted workers never send a week twice.
ALTER TABLE "team" ADD COLUMN "time_zone" TEXT NOT NULL DEFAULT 'UTC';

CREATE TABLE "team_digest" (
    "team_id" INTEGER NOT NULL,
    "week_start" DATE NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "team_digest_pkey" PRIMARY KEY ("team_id", "week_start")
);

ALTER TABLE "team_digest" ADD CONSTRAINT "team_digest_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;
