-- Security errata latency (issue 23): when a finding was first seen with a fixed version available.
-- Existing fixable findings take their first-seen time (their scans did not record when the fix appeared).
ALTER TABLE "vulnerability_finding" ADD COLUMN "fix_available_at" TIMESTAMPTZ(3);
UPDATE "vulnerability_finding" SET "fix_available_at" = "first_seen_at" WHERE "fixable";
