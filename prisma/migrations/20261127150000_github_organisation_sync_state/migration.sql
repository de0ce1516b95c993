-- When the scheduled reconciliation last read an organisation connection's hook (its repositories keep
-- their own time and gaps in github_backfill): shown per connection on /settings.
ALTER TABLE "github_connection" ADD COLUMN "last_synced_at" TIMESTAMPTZ(3);
