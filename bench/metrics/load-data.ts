// Set-based generator of the metrics benchmark's data, run entirely inside PostgreSQL (generate_series,
// window functions; no per-row work in Node). Deterministic: every "random" value is a hash of the
// row number and a salt (hashint8extended), so the same options give the same rows.
//
//   tsx bench/metrics/load-data.ts [--deployments 1000000] [--changes 5000000] [--incidents 20000]
//                                  [--services 50] [--teams 5] [--end 2026-11-23T00:00:00Z] [--keep-db]
// creates plimsoll_benchm_<random>, migrates it, loads it, prints the figures (and drops it unless --keep-db).
//
// What the rows look like (see bench/metrics/README.md):
// - 5 teams, 50 services (round-robin over the teams; sizes weighted 1..10), environments production
//   (tier production) and staging; deployments over 104 weeks ending at --end, only on weekdays
//   07:00-17:00 UTC, ids in time order, 85 % production; status per service 2-10 % failure, 2 %
//   cancelled, the last 20 in progress; 1.5 % of production successes are rollbacks to the version of
//   two deployments earlier, 3 % hotfixes; versions 1.<n/1000>.<n%1000> per service and environment.
// - every deployment brings 0..10 new changes (exactly --changes in all), committed a log-logistic
//   time (median 1.5 h..96 h per service, at most 30 days) before it started; 75 % belong to pull
//   requests of ~3 commits. A change brought by a deployment that did not succeed is carried again by
//   every later deployment of the service and environment up to and including the next success, as a
//   retry would (deployment_change); change_first_deployment is that success: the earliest successful
//   deployment carrying the change to that environment, exactly the schema's definition.
// - incidents: 60 % name the successful production deployment that caused them (opened 0.5 h median
//   after it), 40 % have no cause and open at any time; 10 % are outages; resolved a median 2 h later
//   (at most 10 days), except those resolving after the end and one in five of the last week's;
//   half of the resolved caused ones name the next production deployment as their fix.
import { randomBytes } from 'node:crypto'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { refreshAllRollbackFlags } from '@/lib/queries/refresh-rollback-flags'
import { ROLLUP_TABLES, rebuildRollups, suspendRollupTriggers } from '@/lib/queries/rebuild-rollups'
import { ADMIN_URL, BIN, dbUrl, run } from '../shared/app-server'

export type LoadOptions = {
  deployments: number
  changes: number
  incidents: number
  services: number
  teams: number
  end: Date // exclusive end of the data: "now" of the generated organisation (a Monday 00:00 UTC)
  weeks: number
  connections: number // parallel sessions for the inserts and the index builds
  log: (line: string) => void
}

export const DEFAULT_LOAD: Omit<LoadOptions, 'log'> = {
  deployments: 1_000_000,
  changes: 5_000_000,
  incidents: 20_000,
  services: 50,
  teams: 5,
  end: new Date('2026-11-23T00:00:00Z'),
  weeks: 104,
  connections: 2,
}

export type LoadReport = {
  database: string
  seconds: number
  phases: { name: string; seconds: number }[]
  counts: Record<string, number>
  indexesMatchSchema: boolean
}

const BULK_TABLES = ['deployment', 'change', 'deployment_change', 'change_first_deployment', 'incident']

type Ddl = { kind: 'key' | 'index' | 'fk'; table: string; name: string; drop_sql: string; create_sql: string }

// Indexes, keys and foreign keys of the bulk tables as the migrations made them, from the catalog.
async function captureDdl(c: pg.ClientBase): Promise<Ddl[]> {
  const { rows } = await c.query<Ddl>(
    `SELECT CASE c.contype WHEN 'f' THEN 'fk' ELSE 'key' END AS kind, t.relname AS table, c.conname AS name,
       format('ALTER TABLE %I DROP CONSTRAINT %I', t.relname, c.conname) AS drop_sql,
       format('ALTER TABLE %I ADD CONSTRAINT %I %s', t.relname, c.conname, pg_get_constraintdef(c.oid)) AS create_sql
     FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = current_schema() AND c.contype IN ('p', 'u', 'f')
       -- and foreign keys of other tables onto them (incident_source_event -> incident): they hold the keys
       AND (t.relname = ANY($1::text[]) OR (c.contype = 'f' AND c.confrelid IN (SELECT oid FROM pg_class WHERE relname = ANY($1::text[]))))
     UNION ALL
     SELECT 'index', t.relname, ic.relname, format('DROP INDEX %I', ic.relname), pg_get_indexdef(i.indexrelid)
     FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = current_schema() AND t.relname = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = t.oid)
     ORDER BY 1, 2, 3`,
    [BULK_TABLES],
  )
  return rows
}

// A handful of sessions working off a queue of statements (each runs where a session is free).
// Each deployment's new changes j = f_lo..f_hi with their commit time and whether they came through a
// pull request: the change rows and their first-deployment copies (service, time, PR) read the same values.
const CHANGES_OF_DEPLOYMENTS = `
        FROM bench.dep2 d JOIN bench.svc sv ON sv.s = d.service_id
        CROSS JOIN LATERAL generate_series(d.f_lo, d.f_hi) j
        CROSS JOIN LATERAL (SELECT bench.u(j, 12) < 0.75 AS pr,
          least(30 * 86400, sv.lead_h * 3600 * power(uu / (1 - uu), 0.8)) AS lag
          FROM (SELECT 0.005 + 0.99 * bench.u(j, 10) AS uu) q) l
        CROSS JOIN LATERAL (SELECT d.started_at - make_interval(secs => l.lag) AS committed_at) t`

async function runParallel(clients: pg.Client[], tasks: { label: string; sql: string }[], log: (l: string) => void) {
  const queue = [...tasks]
  await Promise.all(clients.map(async (c) => {
    for (let t = queue.shift(); t; t = queue.shift()) {
      const started = performance.now()
      await c.query(t.sql)
      log(`  ${t.label}: ${((performance.now() - started) / 1000).toFixed(1)} s`)
    }
  }))
}

const lit = (n: number) => {
  if (!Number.isFinite(n)) throw new Error(`not a number: ${n}`)
  return String(n)
}

/** Loads the benchmark data into an already migrated, empty database. */
export async function loadMetricsData(url: string, o: LoadOptions): Promise<Omit<LoadReport, 'database'>> {
  const D = o.deployments
  const C = o.changes
  const I = o.incidents
  const S = o.services
  if (!(D >= 100 && C >= 0 && I >= 0 && S >= 1 && o.teams >= 1)) throw new Error('need at least 100 deployments, 1 service and 1 team')
  const A = C / D // mean changes per deployment
  const end = o.end.toISOString()
  const T0 = new Date(o.end.getTime() - o.weeks * 7 * 86_400_000).toISOString()
  const workSeconds = o.weeks * 5 * 10 * 3600 // weekdays, 10 working hours
  const spanSeconds = o.weeks * 7 * 86_400
  const caused = Math.round(I * 0.6)

  const clients = await Promise.all(Array.from({ length: Math.max(1, o.connections) }, async () => {
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    // big sorts in memory, no fsync wait per statement, no scan that starts mid-table (row order = id order)
    await c.query(`SET maintenance_work_mem = '1GB'; SET work_mem = '256MB'; SET synchronous_commit = off;
      SET synchronize_seqscans = off; SET statement_timeout = 0; SET jit = off`)
    return c
  }))
  const c = clients[0]!
  const phases: { name: string; seconds: number }[] = []
  let resumeTriggers: (() => Promise<void>) | undefined
  const started = performance.now()
  const phase = async (name: string, fn: () => Promise<unknown>) => {
    const t = performance.now()
    o.log(`${name}...`)
    await fn()
    const seconds = (performance.now() - t) / 1000
    phases.push({ name, seconds })
    o.log(`${name}: ${seconds.toFixed(1)} s`)
  }

  try {
    const schemaDdl = await captureDdl(c)
    const nonEmpty = await c.query(`SELECT 1 FROM team UNION ALL SELECT 1 FROM deployment LIMIT 1`)
    if (nonEmpty.rowCount) throw new Error('refusing to load: the database already has rows')

    await phase('drop keys, indexes and foreign keys of the bulk tables', async () => {
      for (const kind of ['fk', 'key', 'index'] as const) for (const d of schemaDdl.filter((x) => x.kind === kind)) await c.query(d.drop_sql)
    })
    // the rollups the app keeps by triggers at ingest are rebuilt once after the load (as the demo loader does)
    resumeTriggers = await suspendRollupTriggers(c)

    await phase('organisation and per-deployment plan (bench.dep)', async () => {
      await c.query(`
        DROP SCHEMA IF EXISTS bench CASCADE;
        CREATE SCHEMA bench;
        -- uniform [0, 1) from (row, salt): inlined by the planner, deterministic
        CREATE FUNCTION bench.u(i bigint, salt int) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE
          AS $$ SELECT (hashint8extended(i, salt) & 9007199254740991)::float8 / 9007199254740992.0 $$;
        CREATE FUNCTION bench.sha(j bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
          AS $$ SELECT encode(int8send(hashint8extended(j, 101)) || int8send(hashint8extended(j, 102)) || int4send(hashint8(j)), 'hex') $$;
        -- last change index of deployment d: monotone, so deployment d brings changes (F(d-1), F(d)]
        CREATE FUNCTION bench.f(d bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
          AS $$ SELECT CASE WHEN d <= 0 THEN 0 WHEN d >= ${lit(D)} THEN ${lit(C)}
            ELSE least(${lit(C)}, floor(${lit(C)}::float8 * d / ${lit(D)} + ${lit(A)} * bench.u(d, 6)))::bigint END $$;

        INSERT INTO team (id, slug, name, created_at)
        SELECT t, 'team-' || t, 'Team ' || t, '${T0}' FROM generate_series(1, ${lit(o.teams)}) t;
        INSERT INTO environment (id, name, tier, created_at) VALUES
          (1, 'production', 'production', '${T0}'), (2, 'staging', 'staging', '${T0}');
        INSERT INTO service (id, team_id, slug, name, repository_url, created_at)
        SELECT s, (s - 1) % ${lit(o.teams)} + 1, 'svc-' || lpad(s::text, 2, '0'), 'Service ' || s,
          'https://github.com/bench/svc-' || lpad(s::text, 2, '0'), '${T0}'
        FROM generate_series(1, ${lit(S)}) s;

        -- per service: size weight 1..10, failure probability 2..10 %, median commit-to-deploy hours
        CREATE UNLOGGED TABLE bench.svc AS
        SELECT s, w, fail_p, lead_h, (sum(w) OVER (ORDER BY s) - w)::float8 / sum(w) OVER () AS lo
        FROM (SELECT s, 1 + (s * 7) % 10 AS w, 0.02 + 0.01 * ((s * 3) % 9) AS fail_p,
          1.5 * 2 ^ ((s * 5) % 7) AS lead_h FROM generate_series(1, ${lit(S)}) s) x;

        CREATE UNLOGGED TABLE bench.dep AS
        WITH th AS (SELECT array_agg(lo ORDER BY s) AS th FROM bench.svc),
        base AS (
          SELECT i, width_bucket(bench.u(i, 1), th.th) AS s, bench.u(i, 2) AS u_env, bench.u(i, 3) AS u_status,
            -- working seconds since T0, mapped onto weekdays 07:00-17:00 UTC; monotone in i
            (i - 1 + bench.u(i, 4)) / ${lit(D)} * ${lit(workSeconds)} AS w
          FROM generate_series(1, ${lit(D)}) i CROSS JOIN th
        )
        SELECT b.i AS id, b.s AS service_id, CASE WHEN b.u_env < 0.85 THEN 1 ELSE 2 END AS environment_id,
          (CASE WHEN b.i > ${lit(D)} - 20 THEN 'in_progress' WHEN b.u_status < sv.fail_p THEN 'failure'
            WHEN b.u_status < sv.fail_p + 0.02 THEN 'cancelled' ELSE 'success' END)::"DeploymentStatus" AS status,
          t.at - make_interval(secs => 120 + 1080 * bench.u(b.i, 5)) AS started_at,
          CASE WHEN b.i > ${lit(D)} - 20 THEN NULL ELSE t.at END AS finished_at
        FROM base b JOIN bench.svc sv ON sv.s = b.s
        CROSS JOIN LATERAL (SELECT '${T0}'::timestamptz + make_interval(secs =>
          floor(b.w / 180000) * 604800 + floor((b.w - floor(b.w / 180000) * 180000) / 36000) * 86400 + 25200
          + (b.w - floor(b.w / 36000) * 36000)) AS at) t;

        -- position in the service's and environment's sequence, and the next success at or after each
        -- deployment (ids are in time order, so the running minimum over descending ids finds it)
        CREATE UNLOGGED TABLE bench.dep2 AS
        SELECT x.*, coalesce(x.ns_id, -(x.service_id * 10 + x.environment_id)) AS gkey,
          bench.f(x.id - 1) + 1 AS f_lo, bench.f(x.id) AS f_hi
        FROM (
          SELECT d.*, count(*) OVER wp - row_number() OVER wd + 1 AS vseq,
            min(d.id) FILTER (WHERE d.status = 'success') OVER wd AS ns_id,
            min(d.finished_at) FILTER (WHERE d.status = 'success') OVER wd AS ns_finished_at
          FROM bench.dep d
          WINDOW wp AS (PARTITION BY d.service_id, d.environment_id),
            wd AS (PARTITION BY d.service_id, d.environment_id ORDER BY d.id DESC)
        ) x ORDER BY x.id;
        ANALYZE bench.dep2;`)
    })

    await phase(`deployments (${D.toLocaleString('en')}) and retry chains`, () => runParallel(clients, [
      { label: 'deployment', sql: `
        INSERT INTO deployment (id, service_id, environment_id, source, external_id, status, started_at, finished_at,
          sha, ref, version, strategy, is_rollback, is_hotfix, triggered_by, created_at, updated_at)
        SELECT id, service_id, environment_id, 'api', 'bench-' || id, status, started_at, finished_at,
          CASE WHEN f_hi >= f_lo THEN bench.sha(f_hi) ELSE bench.sha(-id) END,
          'refs/heads/main', '1.' || (v / 1000) || '.' || (v % 1000),
          (ARRAY['rolling', 'blue_green', 'canary', 'recreate', 'other'])[1 + floor(bench.u(id, 9) * 5)::int]::"DeploymentStrategy",
          rollback, NOT rollback AND bench.u(id, 8) < 0.03, 'ci-bot', coalesce(finished_at, started_at), coalesce(finished_at, started_at)
        FROM (SELECT d.*, r.rollback, CASE WHEN r.rollback THEN vseq - 2 ELSE vseq END AS v FROM bench.dep2 d
          CROSS JOIN LATERAL (SELECT environment_id = 1 AND status = 'success' AND vseq > 2 AND bench.u(id, 7) < 0.015 AS rollback) r) x
        ORDER BY id` },
      // (deployment, carrier): itself, and for one that did not succeed every later one of its service and
      // environment up to the next success (they share gkey = that success's id)
      { label: 'bench.chain', sql: `
        CREATE UNLOGGED TABLE bench.chain AS
        SELECT d.id AS dep_id, d.f_lo, d.f_hi, d.id AS carrier FROM bench.dep2 d WHERE d.status = 'success' AND d.f_hi >= d.f_lo
        UNION ALL
        SELECT d.id, d.f_lo, d.f_hi, e.id FROM bench.dep2 d JOIN bench.dep2 e ON e.gkey = d.gkey AND e.id >= d.id
        WHERE d.status <> 'success' AND d.f_hi >= d.f_lo
        ORDER BY 1, 4` },
    ], o.log))

    await phase(`changes (${C.toLocaleString('en')}), deployment_change, change_first_deployment, incidents (${I.toLocaleString('en')})`, () => runParallel(clients, [
      { label: 'change', sql: `
        INSERT INTO change (id, service_id, sha, authored_at, committed_at, message, pr_number, pr_opened_at, pr_merged_at, created_at)
        SELECT j, d.service_id, bench.sha(j), t.committed_at - make_interval(secs => 7200 * bench.u(j, 11)), t.committed_at,
          'feat: bench change ' || j,
          CASE WHEN l.pr THEN 1000 + j / 3 END,
          CASE WHEN l.pr THEN t.committed_at + make_interval(secs => 0.1 * l.lag) END,
          CASE WHEN l.pr THEN t.committed_at + make_interval(secs => 0.8 * l.lag) END,
          d.started_at
        ${CHANGES_OF_DEPLOYMENTS}` },
      { label: 'deployment_change', sql: `
        INSERT INTO deployment_change (deployment_id, change_id)
        SELECT ch.carrier, j FROM bench.chain ch CROSS JOIN LATERAL generate_series(ch.f_lo, ch.f_hi) j` },
      { label: 'change_first_deployment', sql: `
        INSERT INTO change_first_deployment (change_id, environment_id, deployment_id, deployed_at, service_id, committed_at, pr_number, pr_merged_at)
        SELECT j, d.environment_id, d.ns_id, d.ns_finished_at, d.service_id, t.committed_at, CASE WHEN l.pr THEN 1000 + j / 3 END,
          CASE WHEN l.pr THEN t.committed_at + make_interval(secs => 0.8 * l.lag) END
        ${CHANGES_OF_DEPLOYMENTS} WHERE d.ns_id IS NOT NULL` },
      { label: 'incident', sql: `
        CREATE UNLOGGED TABLE bench.ps AS
        SELECT row_number() OVER (ORDER BY id) AS rn, row_number() OVER (PARTITION BY service_id ORDER BY id) AS srn,
          id, service_id, finished_at
        FROM bench.dep2 WHERE environment_id = 1 AND status = 'success';
        INSERT INTO incident (id, service_id, environment_id, source, external_id, title, severity, opened_at, resolved_at,
          is_outage, cause_deployment_id, cause_link_method, fix_deployment_id, created_at, updated_at)
        WITH n AS (SELECT count(*) AS n FROM bench.ps),
        th AS (SELECT array_agg(lo ORDER BY s) AS th FROM bench.svc),
        opened AS (
          SELECT k, ps.service_id, 1 AS environment_id,
            least(ps.finished_at + make_interval(secs => 1800 * power(uu / (1 - uu), 1.2)), '${end}'::timestamptz - interval '1 minute') AS opened_at,
            ps.id AS cause, fix.id AS fix, fix.finished_at AS fix_at
          FROM generate_series(1, ${lit(caused)}) k CROSS JOIN n
          CROSS JOIN LATERAL (SELECT 0.01 + 0.98 * bench.u(k, 21) AS uu) q
          JOIN bench.ps ps ON ps.rn = 1 + floor(bench.u(k, 20) * n.n)::bigint
          LEFT JOIN bench.ps fix ON fix.service_id = ps.service_id AND fix.srn = ps.srn + 1
          UNION ALL
          SELECT k, width_bucket(bench.u(k, 22), th.th),
            CASE WHEN bench.u(k, 23) < 0.85 THEN 1 WHEN bench.u(k, 23) < 0.95 THEN 2 END,
            '${T0}'::timestamptz + make_interval(secs => bench.u(k, 24) * ${lit(spanSeconds)}), NULL, NULL, NULL
          FROM generate_series(${lit(caused + 1)}, ${lit(I)}) k CROSS JOIN th
        ),
        resolved AS (
          -- still open at the end: resolved after it, or one in five of the last week's
          SELECT o.*, CASE WHEN r.at < '${end}' AND NOT (o.opened_at >= '${end}'::timestamptz - interval '7 days' AND bench.u(k, 25) < 0.2)
            THEN r.at END AS resolved_at
          FROM opened o CROSS JOIN LATERAL (SELECT o.opened_at + make_interval(secs =>
            least(10 * 86400, 7200 * power(uu / (1 - uu), 0.9))) AS at FROM (SELECT 0.01 + 0.98 * bench.u(k, 26) AS uu) q) r
        )
        SELECT k, service_id, environment_id, 'pagerduty', 'INC-' || k, 'Incident ' || k,
          (CASE WHEN bench.u(k, 27) < 0.1 THEN 'critical' WHEN bench.u(k, 27) < 0.35 THEN 'high'
            WHEN bench.u(k, 27) < 0.75 THEN 'medium' ELSE 'low' END)::"IncidentSeverity",
          opened_at, resolved_at, bench.u(k, 28) < 0.1, cause,
          (CASE WHEN cause IS NULL THEN NULL WHEN bench.u(k, 29) < 0.5 THEN 'explicit_deployment'
            WHEN bench.u(k, 29) < 0.8 THEN 'explicit_sha' ELSE 'manual' END)::"CauseLinkMethod",
          CASE WHEN resolved_at IS NOT NULL AND fix_at <= resolved_at + interval '1 day' AND bench.u(k, 30) < 0.5 THEN fix END,
          opened_at, coalesce(resolved_at, opened_at)
        FROM resolved ORDER BY k` },
    ], o.log))

    await phase('rollback flags and next successes (the app computes them at ingest)', () => refreshAllRollbackFlags(c))
    await phase('rollups and incident flags (triggers keep them at ingest)', () => rebuildRollups(c))
    await resumeTriggers()
    resumeTriggers = undefined

    await phase('sequences, helper schema dropped', () => c.query(`
      SELECT setval(pg_get_serial_sequence('team', 'id'), (SELECT max(id) FROM team)),
        setval(pg_get_serial_sequence('service', 'id'), (SELECT max(id) FROM service)),
        setval(pg_get_serial_sequence('environment', 'id'), (SELECT max(id) FROM environment)),
        setval(pg_get_serial_sequence('deployment', 'id'), (SELECT max(id) FROM deployment)),
        setval(pg_get_serial_sequence('change', 'id'), greatest(1, (SELECT max(id) FROM change))),
        setval(pg_get_serial_sequence('incident', 'id'), greatest(1, (SELECT max(id) FROM incident)));
      DROP SCHEMA bench CASCADE`))

    // largest first so the two sessions finish together; keys before the foreign keys that need them
    const byTableSize = new Map((await c.query<{ t: string; b: string }>(
      `SELECT relname AS t, pg_relation_size(oid)::text AS b FROM pg_class WHERE relname = ANY($1::text[]) AND relkind = 'r'`, [BULK_TABLES],
    )).rows.map((r) => [r.t, Number(r.b)]))
    const bySize = (a: Ddl, b: Ddl) => (byTableSize.get(b.table) ?? 0) - (byTableSize.get(a.table) ?? 0)
    await phase('primary keys, unique keys and indexes', () =>
      runParallel(clients, schemaDdl.filter((d) => d.kind !== 'fk').sort(bySize).map((d) => ({ label: d.name, sql: d.create_sql })), o.log))
    // sequential: adding a foreign key locks the referenced table too, so they would queue anyway
    await phase('foreign keys (validated)', () =>
      runParallel([c], schemaDdl.filter((d) => d.kind === 'fk').sort(bySize).map((d) => ({ label: d.name, sql: d.create_sql })), o.log))

    await phase('VACUUM (ANALYZE)', () => runParallel(clients,
      [...BULK_TABLES].sort((a, b) => (byTableSize.get(b) ?? 0) - (byTableSize.get(a) ?? 0)).map((t) => ({ label: t, sql: `VACUUM (ANALYZE) ${t}` }))
        .concat([
          { label: 'rollups', sql: `VACUUM (ANALYZE) ${ROLLUP_TABLES.join(', ')}` },
          { label: 'small tables', sql: 'VACUUM (ANALYZE) team, service, environment' },
        ]), o.log))

    const after = await captureDdl(c)
    const key = (d: Ddl) => `${d.kind} ${d.table} ${d.create_sql}`
    const indexesMatchSchema = JSON.stringify(after.map(key).sort()) === JSON.stringify(schemaDdl.map(key).sort())
    const { rows } = await c.query<Record<string, string>>(`
      SELECT (SELECT count(*) FROM team) AS teams, (SELECT count(*) FROM service) AS services,
        (SELECT count(*) FROM deployment) AS deployments, (SELECT count(*) FROM change) AS changes,
        (SELECT count(*) FROM deployment_change) AS deployment_changes,
        (SELECT count(*) FROM change_first_deployment) AS change_first_deployments,
        (SELECT count(*) FROM incident) AS incidents`)
    const counts = Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]))
    return { seconds: (performance.now() - started) / 1000, phases, counts, indexesMatchSchema }
  } finally {
    await resumeTriggers?.().catch(() => undefined)
    await Promise.all(clients.map((x) => x.end().catch(() => undefined)))
  }
}

// BENCH_TEMPLATE_DB: a bench database already migrated (scripts/bench-smoke.ts makes one for all the short
// forms), copied instead of running the migrations again in each bench.
export function migratedTemplate(): string | undefined {
  const template = process.env.BENCH_TEMPLATE_DB
  if (template && !/^plimsoll_benchm_[0-9a-f]+$/.test(template)) throw new Error(`BENCH_TEMPLATE_DB: not a bench database: ${template}`)
  return template
}

export async function createBenchDatabase(log: (l: string) => void): Promise<string> {
  const name = `plimsoll_benchm_${randomBytes(3).toString('hex')}`
  const template = migratedTemplate()
  const admin = new pg.Client({ connectionString: ADMIN_URL })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`)
  } finally {
    await admin.end()
  }
  if (template) {
    log(`created ${name} from the migrated ${template}`)
    return name
  }
  log(`created ${name}; applying migrations`)
  await run(`${BIN}/prisma`, ['migrate', 'deploy'], { DATABASE_URL: dbUrl(name), CHECKPOINT_DISABLE: '1' })
  return name
}

export async function dropBenchDatabase(name: string): Promise<void> {
  if (!/^plimsoll_benchm_[0-9a-f]+$/.test(name)) throw new Error(`not a bench database: ${name}`)
  const admin = new pg.Client({ connectionString: ADMIN_URL })
  await admin.connect()
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  } finally {
    await admin.end()
  }
}

export const loadArgs = {
  deployments: { type: 'string', default: String(DEFAULT_LOAD.deployments) },
  changes: { type: 'string' }, // default: 5 per deployment
  incidents: { type: 'string' }, // default: 2 per 100 deployments
  services: { type: 'string', default: String(DEFAULT_LOAD.services) },
  teams: { type: 'string', default: String(DEFAULT_LOAD.teams) },
  end: { type: 'string', default: DEFAULT_LOAD.end.toISOString() },
  connections: { type: 'string', default: String(DEFAULT_LOAD.connections) },
} as const

export function loadOptionsFrom(values: { [K in keyof typeof loadArgs]?: string }, log: (l: string) => void): LoadOptions {
  const deployments = Number(values.deployments)
  const opts: LoadOptions = {
    ...DEFAULT_LOAD,
    deployments,
    changes: values.changes ? Number(values.changes) : deployments * 5,
    incidents: values.incidents ? Number(values.incidents) : Math.round(deployments / 50),
    services: Number(values.services),
    teams: Number(values.teams),
    end: new Date(values.end!),
    connections: Number(values.connections),
    log,
  }
  if (Number.isNaN(opts.end.getTime())) throw new Error(`--end: not a date: ${values.end}`)
  for (const k of ['deployments', 'changes', 'incidents', 'services', 'teams', 'connections'] as const) {
    if (!Number.isInteger(opts[k]) || opts[k] < 0) throw new Error(`--${k}: not a whole number`)
  }
  return opts
}

export function printLoadReport(r: LoadReport, print: (l: string) => void = console.log) {
  print(`loaded ${r.database} in ${r.seconds.toFixed(1)} s: ${Object.entries(r.counts).map(([k, v]) => `${v.toLocaleString('en')} ${k}`).join(', ')}`)
  for (const p of r.phases) print(`  ${p.seconds.toFixed(1).padStart(6)} s  ${p.name}`)
  print(`indexes, keys and foreign keys identical to the migrated schema: ${r.indexesMatchSchema ? 'yes' : 'NO'}`)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { ...loadArgs, 'keep-db': { type: 'boolean', default: false } } })
  const log = (l: string) => console.error(`[load] ${l}`)
  const opts = loadOptionsFrom(values, log)
  const name = await createBenchDatabase(log)
  try {
    const r = await loadMetricsData(dbUrl(name), opts)
    printLoadReport({ database: name, ...r })
    if (!r.indexesMatchSchema) process.exitCode = 1
  } catch (err) {
    console.error(err)
    process.exitCode = 1
  } finally {
    if (values['keep-db']) log(`kept ${name}`)
    else await dropBenchDatabase(name)
  }
}
