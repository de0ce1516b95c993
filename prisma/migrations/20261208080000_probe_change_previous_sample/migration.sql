-- When the sample before each state change ran (the last sample of the other state): availability counts
-- probe downtime from midpoint to midpoint between the two samples around each flip (docs/availability.md).
-- NULL for a check's first sample and for changes stored before this column (read as one interval earlier).
ALTER TABLE "probe_state_change" ADD COLUMN "prev_at" TIMESTAMPTZ(3);
