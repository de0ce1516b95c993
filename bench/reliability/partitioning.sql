-- Time partitioning, measured (docs/scaling.md): 2,000,000 deployment-shaped rows over two years, once
-- in a plain table and once in 24 monthly range partitions; a dashboard read on each, then one month of
-- retention by DELETE (+ VACUUM) against DETACH + DROP of a partition.
--   createdb -h 127.0.0.1 -U postgres plimsoll_partitioning
--   psql -X -h 127.0.0.1 -U postgres -d plimsoll_partitioning -f bench/reliability/partitioning.sql
--   dropdb -h 127.0.0.1 -U postgres plimsoll_partitioning
\timing on
SET jit = off;
DROP TABLE IF EXISTS dep_plain, dep_part;
CREATE TABLE dep_plain (id bigint NOT NULL, service_id int NOT NULL, environment_id int NOT NULL,
  finished_at timestamptz NOT NULL, status text NOT NULL, payload text);
CREATE TABLE dep_part (LIKE dep_plain) PARTITION BY RANGE (finished_at);
DO $$ BEGIN
  FOR m IN 0..23 LOOP
    EXECUTE format('CREATE TABLE dep_part_%s PARTITION OF dep_part FOR VALUES FROM (%L) TO (%L)', m,
      timestamptz '2025-01-01 00:00Z' + make_interval(months => m), timestamptz '2025-01-01 00:00Z' + make_interval(months => m + 1));
  END LOOP;
END $$;
\echo load: 2,000,000 rows into each
INSERT INTO dep_plain SELECT g, g % 50, g % 3, timestamptz '2025-01-01 00:00Z' + g * interval '31.5 seconds', 'success', repeat('x', 100)
  FROM generate_series(1, 2000000) g;
INSERT INTO dep_part SELECT * FROM dep_plain;
CREATE INDEX ON dep_plain (service_id, finished_at);
CREATE INDEX ON dep_part (service_id, finished_at);
VACUUM ANALYZE dep_plain;
VACUUM ANALYZE dep_part;
\echo read: one service, one month (run twice, the second warm)
SELECT count(*) FROM dep_plain WHERE service_id = 7 AND finished_at >= '2026-10-01' AND finished_at < '2026-11-01';
SELECT count(*) FROM dep_plain WHERE service_id = 7 AND finished_at >= '2026-10-01' AND finished_at < '2026-11-01';
SELECT count(*) FROM dep_part WHERE service_id = 7 AND finished_at >= '2026-10-01' AND finished_at < '2026-11-01';
SELECT count(*) FROM dep_part WHERE service_id = 7 AND finished_at >= '2026-10-01' AND finished_at < '2026-11-01';
\echo read: the whole organisation, one month
SELECT count(*) FROM dep_plain WHERE finished_at >= '2026-10-01' AND finished_at < '2026-11-01';
SELECT count(*) FROM dep_part WHERE finished_at >= '2026-10-01' AND finished_at < '2026-11-01';
\echo retention: the oldest month
DELETE FROM dep_plain WHERE finished_at < '2025-02-01';
VACUUM dep_plain;
ALTER TABLE dep_part DETACH PARTITION dep_part_0;
DROP TABLE dep_part_0;
SELECT pg_size_pretty(pg_total_relation_size('dep_plain')) AS plain_size,
  (SELECT pg_size_pretty(sum(pg_total_relation_size(inhrelid))) FROM pg_inherits WHERE inhparent = 'dep_part'::regclass) AS partitioned_size;
DROP TABLE dep_plain, dep_part;
