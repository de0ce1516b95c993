import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'
import { parse, parseAllDocuments } from 'yaml'

const { pool, queryRows } = await import('@/lib/db')
const { seedTeamWithToken, uniqueSlug } = await import('@/lib/testing/seed-team')
const { startRouteServer } = await import('@/lib/testing/route-server')
const deployments = await import('@/app/api/v1/deployments/route')
const cliFile = await import('@/app/cli/plimsoll.mjs/route')

// The ready-made CI steps (docs/ci/, docs/ci.md): every YAML parses, and each step's shell part runs
// as its CI would run it (downloading the command from the server) against the real routes and PostgreSQL.
const run = promisify(execFile)
const CI_VARS = /^(GITHUB_|CI_|BUILDKITE|JENKINS_URL|BUILD_|CIRCLE_|BITBUCKET_|SYSTEM_JOBID|GIT_)/
let server: Awaited<ReturnType<typeof startRouteServer>>
let token: string
let repo: string
let tmp: string
let base: string
let head: string

const file = (name: string) => readFile(path.join('docs/ci', name), 'utf8')

async function runStep(shell: 'bash' | 'sh', script: string, env: Record<string, string>) {
  const e: NodeJS.ProcessEnv = { ...process.env, PLIMSOLL_URL: server.url, PLIMSOLL_TOKEN: token, TMPDIR: tmp, ...env }
  for (const k of Object.keys(e)) if (CI_VARS.test(k) && !(k in env)) delete e[k]
  try {
    const r = await run(shell, ['-c', script], { cwd: repo, env: e })
    return { code: 0, out: r.stdout + r.stderr }
  } catch (err) {
    const x = err as { code: number; stdout: string; stderr: string }
    return { code: x.code, out: x.stdout + x.stderr }
  }
}

const stored = (service: string) =>
  queryRows<{ externalId: string; status: string; sha: string | null; commits: number }>(
    pool(),
    sql`
  SELECT d.external_id AS "externalId", d.status::text AS status, d.sha, (SELECT count(*)::int FROM deployment_change dc WHERE dc.deployment_id = d.id) AS commits
  FROM deployment d JOIN service s ON s.id = d.service_id WHERE s.slug = ${service}`,
  )

describe('ready-made CI steps', () => {
  beforeAll(async () => {
    token = (await seedTeamWithToken(process.env.DATABASE_URL!, 'ci')).token
    server = await startRouteServer({ 'POST /api/v1/deployments': deployments.POST, 'GET /cli/plimsoll.mjs': cliFile.GET })
    tmp = await mkdtemp(path.join(tmpdir(), 'plimsoll-ci-'))
    repo = await mkdtemp(path.join(tmpdir(), 'plimsoll-ci-git-'))
    const git = (args: string[]) =>
      run('git', args, {
        cwd: repo,
        env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' },
      }).then((r) => r.stdout.trim())
    await git(['init', '-q', '-b', 'main'])
    await git(['commit', '-q', '--allow-empty', '-m', 'one'])
    base = await git(['rev-parse', 'HEAD'])
    await git(['commit', '-q', '--allow-empty', '-m', 'two'])
    await git(['commit', '-q', '--allow-empty', '-m', 'three'])
    head = await git(['rev-parse', 'HEAD'])
  })
  afterAll(async () => {
    await server?.close()
    for (const d of [repo, tmp]) if (d) await rm(d, { recursive: true, force: true })
  })

  it('every YAML file and every yaml block of docs/ci.md parses', async () => {
    const sources = [
      await file('github-action/action.yml'),
      await file('gitlab-ci.yml'),
      await file('buildkite-pipeline.yml'),
      await file('argocd-hooks.yaml'),
      await file('argocd-notifications.yaml'),
    ]
    const doc = await readFile('docs/ci.md', 'utf8')
    const blocks = [...doc.matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((m) => m[1]!)
    expect(blocks.length).toBeGreaterThanOrEqual(4)
    for (const source of [...sources, ...blocks]) {
      for (const d of parseAllDocuments(source)) expect(d.errors, source.slice(0, 80)).toEqual([])
    }
  })

  it('the GitHub Action\'s script downloads the command and records the deployment', async () => {
    const action = parse(await file('github-action/action.yml')) as { runs: { steps: { run: string; env: Record<string, string> }[] } }
    const step = action.runs.steps[0]!
    const service = uniqueSlug('ci-gha')
    const inputs: Record<string, string> = {
      url: server.url,
      token,
      strict: 'false',
      command: `deploy --service ${service} --env production --sha ${head} --commits-from-git "${base}..${head}" --id "gha run 1"`,
    }
    const env = Object.fromEntries(Object.entries(step.env).map(([k, v]) => [k, v.replace(/\$\{\{ inputs\.(\w+) \}\}/, (_, name: string) => inputs[name]!)]))
    const r = await runStep('bash', step.run, { ...env, RUNNER_TEMP: tmp })
    expect(r, r.out).toMatchObject({ code: 0 })
    expect(await stored(service)).toEqual([{ externalId: 'gha run 1', status: 'success', sha: head, commits: 2 }])
    // Plimsoll down: a warning, the job goes on; strict fails it
    const down = await runStep('bash', step.run, { ...env, RUNNER_TEMP: tmp, PLIMSOLL_URL: 'http://127.0.0.1:9' })
    expect(down).toMatchObject({ code: 0, out: expect.stringContaining('::warning::plimsoll: cannot download') })
    expect((await runStep('bash', step.run, { ...env, RUNNER_TEMP: tmp, PLIMSOLL_URL: 'http://127.0.0.1:9', PLIMSOLL_STRICT: 'true' })).code).toBe(2)
  })

  it('the GitLab CI template', async () => {
    const ci = parse(await file('gitlab-ci.yml')) as Record<string, { script: string[]; variables: Record<string, string> }>
    const service = uniqueSlug('ci-gitlab')
    const r = await runStep('bash', ci['.plimsoll']!.script.join('\n'), {
      ...ci['.plimsoll']!.variables, PLIMSOLL_SERVICE: service, CI_ENVIRONMENT_NAME: 'production', CI_COMMIT_SHA: head, CI_COMMIT_BEFORE_SHA: base,
      CI_COMMIT_REF_NAME: 'main', CI_JOB_URL: 'https://gitlab.example.com/acme/shop/-/jobs/4242', CI_JOB_ID: '4242', CI_PROJECT_PATH: 'acme/shop',
    })
    expect(r, r.out).toMatchObject({ code: 0 })
    expect(await stored(service)).toEqual([{ externalId: 'gitlab-acme/shop-4242-production', status: 'success', sha: head, commits: 2 }])
  })

  it('the Argo CD notification template posts a deployment the API takes', async () => {
    const cm = parse(await file('argocd-notifications.yaml')) as { data: Record<string, string> }
    const service = parse(cm.data['service.webhook.plimsoll']!) as { headers: { name: string; value: string }[] }
    const template = (parse(cm.data['template.plimsoll-deployment']!) as { webhook: { plimsoll: { method: string; path: string; body: string } } }).webhook
      .plimsoll
    const name = uniqueSlug('ci-argo-notify')
    const app = {
      metadata: { name },
      status: { operationState: { phase: 'Failed', startedAt: '2026-05-01T10:00:00Z', finishedAt: '2026-05-01T10:03:00Z', syncResult: { revision: head } } },
    }
    // a stand-in for Argo CD's Go templates: field paths and the template's one if/else
    const lookup = (p: string) => p.split('.').filter(Boolean).reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], { app })
    const body = template.body
      .replace(/\{\{if eq (\S+) "(\w+)"\}\}(\w+)\{\{else\}\}(\w+)\{\{end\}\}/g, (_, p: string, v: string, yes: string, no: string) =>
        lookup(p) === v ? yes : no,
      )
      .replace(/\{\{(\.[\w.]+)\}\}/g, (_, p: string) => String(lookup(p)))
    const headers = Object.fromEntries(service.headers.map((h) => [h.name, h.value.replace('$plimsoll-token', token)]))
    const res = await fetch(new URL(template.path, server.url), { method: template.method, headers, body })
    expect(res.status, await res.clone().text()).toBe(201)
    expect(await stored(name)).toEqual([{ externalId: `argocd-${name}-2026-05-01T10:00:00Z`, status: 'failure', sha: head, commits: 1 }])
  })

  it('the Buildkite step, the Jenkins post step, the Argo CD hooks and the shell script', async () => {
    const [bk, jk, argo, shell] = [uniqueSlug('ci-bk'), uniqueSlug('ci-jenkins'), uniqueSlug('ci-argo'), uniqueSlug('ci-sh')]
    const buildkite = parse(await file('buildkite-pipeline.yml')) as { steps: { command: string }[] }
    const bkScript = buildkite.steps[1]!.command.replaceAll('$$', '$').replaceAll('checkout', bk)
    expect(
      await runStep('bash', bkScript, { BUILDKITE_COMMIT: head, BUILDKITE_BUILD_URL: 'https://buildkite.com/acme/shop/builds/7', BUILDKITE_JOB_ID: 'job-7' }),
    ).toMatchObject({ code: 0 })

    const jenkins = /sh '''\n([\s\S]*?)'''/.exec(await file('Jenkinsfile'))![1]!.replaceAll('checkout', jk)
    expect(
      await runStep('sh', jenkins, {
        DEPLOY_RESULT: 'FAILURE',
        GIT_COMMIT: head,
        GIT_PREVIOUS_SUCCESSFUL_COMMIT: base,
        BUILD_URL: 'https://jenkins.example.com/job/shop/9/',
        JENKINS_URL: 'https://jenkins.example.com/',
        BUILD_TAG: 'jenkins-shop-9',
      }),
    ).toMatchObject({ code: 0 })

    type Container = { env: { name: string; value?: string }[]; args: string[] }
    const hooks = parseAllDocuments(await file('argocd-hooks.yaml')).map(
      (d) => d.toJS() as { metadata: { annotations: Record<string, string> }; spec: { template: { spec: { containers: Container[] } } } },
    )
    expect(hooks.map((h) => h.metadata.annotations['argocd.argoproj.io/hook'])).toEqual(['PostSync', 'SyncFail'])
    for (const h of hooks) {
      const c = h.spec.template.spec.containers[0]!
      const env = Object.fromEntries(c.env.filter((e) => e.value !== undefined).map((e) => [e.name, e.value!]))
      const r = await runStep('sh', c.args[0]!, { ...env, PLIMSOLL_URL: server.url, SERVICE: argo, GIT_SHA: head })
      expect(r, r.out).toMatchObject({ code: 0 })
    }

    const sh = await runStep('sh', `${path.resolve('docs/ci/plimsoll-deploy.sh')} ${shell} production success ${base}`, {})
    expect(sh, sh.out).toMatchObject({ code: 0 })

    expect(await stored(bk)).toEqual([{ externalId: 'buildkite-job-7-production', status: 'success', sha: head, commits: 1 }])
    expect(await stored(jk)).toEqual([{ externalId: 'jenkins-jenkins-shop-9-production', status: 'failure', sha: head, commits: 2 }])
    // no CI job id in a pod: each hook run is a deployment of its own
    expect((await stored(argo)).map((d) => d.status).sort()).toEqual(['failure', 'success'])
    expect(await stored(shell)).toEqual([expect.objectContaining({ status: 'success', sha: head, commits: 2 })])
  })
})
