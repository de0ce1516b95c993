import { readFile } from 'node:fs/promises'
import { Command, InvalidArgumentError, Option } from 'commander'
import { errorMessage, send, type Call } from './send'
import { deploymentStrategies } from '../validation/deployment-strategies'
import { deploymentBody, incidentBody, availabilityBody, scanPath, type Opts } from './bodies'

// Exit codes: 0 stored (or the server was unreachable without --strict), 1 refused by the server (4xx)
// or bad arguments, 2 the server was unreachable or failing and --strict was given.
export async function main(argv: string[], io = { out: (s: string) => console.log(s), err: (s: string) => console.error(s) }): Promise<number> {
  let code = 0
  const program = new Command('plimsoll')
    .description('Report deployments, incidents, security scans and probe results to Plimsoll from any pipeline.')
    .addOption(new Option('--url <url>', 'Plimsoll server').env('PLIMSOLL_URL'))
    .addOption(new Option('--token <token>', 'ingest token of your team').env('PLIMSOLL_TOKEN'))
    .option('--dry-run', 'print the request instead of sending it')
    .option('--strict', 'fail (exit 2) when the server cannot be reached; by default that only warns')
    .option('--retries <n>', 'retries on 429, 503 and network errors', int, 4)
    .option('--retry-delay <ms>', 'first backoff delay, doubled on every retry', int, 1000)
    .option('--timeout <s>', 'seconds to wait for each attempt', int, 30)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError('(plimsoll --help for usage)')

  const submit = async (call: Call) => {
    code = await deliver(program.opts<Opts>(), call, io)
  }

  program
    .command('deploy')
    .description('record a deployment (create it, or update it with the same --id)')
    .requiredOption('--service <slug>', 'service, created in your team on first sight')
    .requiredOption('--env <name>', 'environment, e.g. production or prod-eu-west-1')
    .addOption(new Option('--status <status>', 'deployment status').choices(['success', 'failure', 'in_progress', 'cancelled']).default('success'))
    .option('--id <id>', "your id for this deployment (default: the CI job's id, else a new one)")
    .option('--sha <sha>', 'deployed commit (default with --commits-from-git: its head)')
    .option('--started-at <time>', 'ISO 8601 time the deployment started')
    .option('--finished-at <time>', 'ISO 8601 time it finished (default: now, for a finished status)')
    .option('--version <version>', 'released version')
    .addOption(new Option('--strategy <strategy>', 'how it shipped (ab_test: A/B test)').choices(deploymentStrategies))
    .option('--rollback', 'this deployment rolls back to an earlier version')
    .option('--hotfix', 'this deployment fixes a failure')
    .option('--ref <ref>', 'branch or tag')
    .option('--deploy-url <url>', 'link to the pipeline or job')
    .option('--env-tier <tier>', 'tier of a new environment whose name does not say it')
    .option('--commits-from-git <range>', 'read the deployed commits and their times from local git: <base>..<head>')
    .action(async (o) =>
      submit({
        method: 'POST',
        path: 'api/v1/deployments',
        contentType: 'application/json',
        label: 'deploy',
        body: JSON.stringify(await deploymentBody({ ...o, strict: program.opts<Opts>().strict }, io.err)),
      }),
    )

  const incident = program.command('incident').description('open or resolve an incident')
  incident
    .command('open')
    .requiredOption('--service <slug>')
    .requiredOption('--id <id>', 'your id for the incident')
    .requiredOption('--title <title>')
    .option('--severity <severity>', 'critical, high, medium, low (or SEV1-4, P1-4)')
    .option('--opened-at <time>', 'ISO 8601 (default: now)')
    .option('--env <name>', 'environment')
    .option('--cause-deployment <id>', 'id of the deployment that caused it')
    .option('--cause-sha <sha>', 'a commit the causing deployment carried')
    .option('--outage', 'the service was down')
    .option('--incident-url <url>', 'link to the incident')
    .action(async (o) =>
      submit({
        method: 'POST',
        path: 'api/v1/incidents',
        contentType: 'application/json',
        label: 'incident open',
        body: JSON.stringify(incidentBody('open', o)),
      }),
    )
  incident
    .command('resolve')
    .requiredOption('--service <slug>')
    .requiredOption('--id <id>', "the incident's id")
    .option('--resolved-at <time>', 'ISO 8601 (default: now)')
    .option('--fix-deployment <id>', 'id of the deployment that fixed it')
    .action(async (o) =>
      submit({
        method: 'POST',
        path: 'api/v1/incidents',
        contentType: 'application/json',
        label: 'incident resolve',
        body: JSON.stringify(incidentBody('resolve', o)),
      }),
    )

  program
    .command('scan')
    .description('security scans')
    .command('upload')
    .description('upload an OpenSCAP XCCDF/ARF, Trivy, Grype or SARIF report (gzip accepted)')
    .argument('<file>')
    .requiredOption('--service <slug>')
    .option('--env <name>')
    .option('--format <format>', 'xccdf, arf, trivy, grype or sarif (default: detected)')
    .option('--image <name>')
    .option('--digest <sha256:...>')
    .option('--commit <sha>')
    .option('--scanned-at <time>')
    .option('--scanner <name>')
    .option('--scanner-version <version>')
    .action(async (file: string, o) =>
      submit({ method: 'POST', path: scanPath(o), contentType: 'application/octet-stream', label: 'scan upload', body: await readFile(file) }),
    )

  program
    .command('availability')
    .description('record one result of a probe run outside Plimsoll')
    .requiredOption('--service <slug>')
    .requiredOption('--check <name>', "the check's name within the service")
    .addOption(new Option('--state <state>').choices(['up', 'down']).makeOptionMandatory())
    .option('--at <time>', 'ISO 8601 time of the probe (default: now)')
    .option('--latency <ms>', 'milliseconds', Number)
    .option('--detail <text>', 'why it failed')
    .action(async (o) =>
      submit({
        method: 'POST',
        path: 'api/v1/availability',
        contentType: 'application/json',
        label: 'availability',
        body: JSON.stringify(availabilityBody(o)),
      }),
    )

  try {
    await program.parseAsync(argv)
    return code
  } catch (err) {
    const e = err as { code?: string; exitCode?: number; message?: string }
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0
    if (!e.code?.startsWith('commander.')) io.err(`plimsoll: ${e.message ?? String(err)}`)
    return 1
  }
}

async function deliver(o: Opts, call: Call, io: { out: (s: string) => void; err: (s: string) => void }): Promise<number> {
  if (o.dryRun) {
    const body = typeof call.body === 'string' ? JSON.stringify(JSON.parse(call.body), null, 2) : `<${call.body.byteLength} bytes>`
    io.out(
      `POST ${new URL(call.path, `${(o.url ?? 'https://plimsoll.example').replace(/\/?$/, '/')}`)}\nAuthorization: Bearer ${o.token ? '***' : '(PLIMSOLL_TOKEN unset)'}\nContent-Type: ${call.contentType}\nIdempotency-Key: <new per run>\n\n${body}`,
    )
    return 0
  }
  if (!o.url || !o.token) {
    io.err(`plimsoll: ${!o.url ? '--url or PLIMSOLL_URL' : '--token or PLIMSOLL_TOKEN'} is required`)
    return 1
  }
  const sent = await send({ url: o.url, token: o.token }, call, { retries: o.retries, retryDelayMs: o.retryDelay, timeoutMs: o.timeout * 1000, log: io.err })
  if (sent.kind === 'answered' && sent.status < 400) {
    const data = (sent.body as { data?: { id?: unknown }; outcome?: string } | null)
    io.out(`${call.label}: ${data?.outcome ?? 'stored'} (HTTP ${sent.status}${sent.replayed ? ', replayed' : ''})`)
    return 0
  }
  if (sent.kind === 'answered' && sent.status < 500) {
    io.err(`plimsoll: ${call.label} refused (HTTP ${sent.status}): ${errorMessage(sent.body) ?? JSON.stringify(sent.body)}`)
    return 1
  }
  const reason =
    sent.kind === 'answered' ? `HTTP ${sent.status}: ${errorMessage(sent.body) ?? 'server error'}` : `${sent.reason} after ${sent.attempts} attempt(s)`
  if (o.strict) {
    io.err(`plimsoll: ${call.label} not recorded: ${o.url} ${reason}; failing because of --strict`)
    return 2
  }
  io.err(`plimsoll: WARNING ${call.label} not recorded: ${o.url} ${reason}. Not failing the pipeline (use --strict to fail).`)
  return 0
}

function int(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number')
  return n
}
