import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { pageReadableTeams } from '@/lib/auth/page-user'
import { deploymentOutcome } from '@/lib/format/deployment-status'
import { formatDuration } from '@/lib/format/format-metric'
import { formatDateTime } from '@/lib/format/format-time'
import { pageTimeZone } from '@/lib/time/browser-time-zone'
import { ZoneGuessed } from '@/components/layout/browser-time-zone'
import { commitUrl, pullRequestUrl } from '@/lib/format/repository-links'
import { getDeploymentDetail, type DeploymentCommit, type NeighbourDeployment } from '@/lib/queries/get-deployment-detail'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }
const when = (d: Date | null, tz: string) => (d ? formatDateTime(d, tz) : '—')
const short = (sha: string) => sha.slice(0, 7)

// the id, not a name read from the database: a title must not tell whether a hidden one exists
export const generateMetadata = async ({ params }: Props): Promise<Metadata> => ({ title: `Deployment ${(await params).id}` })

// One deployment and what is behind it: its commits and pull requests, the incidents it caused or fixed,
// the scans of its image or commit, the deployments before and after it (the rollback chain), its strategy.
export default async function DeploymentPage({ params, searchParams }: Props) {
  const { id } = await params
  const sp = await searchParams
  // every time on the page in the reader's zone (the URL's tz, else the browser's)
  const tz = await pageTimeZone(sp)
  if (!/^\d{1,9}$/.test(id)) notFound()
  const data = await getDeploymentDetail(Number(id), await pageReadableTeams())
  // another team's deployment, for a team-only reader, is answered like a missing one
  if (!data) notFound()
  const { deployment: d, commits, incidents, scans, before, after } = data
  const outcome = deploymentOutcome({ status: d.status, rollback: d.flaggedRollback || d.rollsBack, rolledBack: d.rolledBack, hotfix: d.hotfix })
  const pulls = [...new Map(commits.filter((c) => c.prNumber !== null).map((c) => [c.prNumber!, c])).values()]
  return (
    <>
      <p className="muted small"><a href="/deployments">Deployments</a> / {d.externalId}</p>
      <h1>Deployment {d.externalId}</h1>
      <ZoneGuessed tz={tz} fromUrl={tz === sp.tz} />
      <p className="muted small">Times in {tz}.</p>
      <dl className="facts" data-testid="deployment-facts">
        <dt>Outcome</dt><dd><span className={outcome.className} data-testid="deployment-outcome">{outcome.label}</span>{d.changeFailure ? ' · counts as a change failure' : ''}</dd>
        <dt>Service</dt><dd><a href={`/services/${d.service}?team=${d.team}`}>{d.serviceName}</a> (team <a href={`/teams/${d.team}`}>{d.team}</a>) · {d.environment}</dd>
        <dt>Strategy</dt><dd data-testid="deployment-strategy">{d.strategy.replace('_', ' ')}</dd>
        <dt>Version</dt><dd>{d.version ?? '—'}{d.ref ? ` · ${d.ref}` : ''}{d.sha ? <> · <Sha repo={d.repositoryUrl} sha={d.sha} /></> : null}</dd>
        <dt>Started / finished</dt><dd>{when(d.startedAt, tz)} / {d.finishedAt ? when(d.finishedAt, tz) : 'in progress'}
          {d.startedAt && d.finishedAt ? ` (${formatDuration((d.finishedAt.getTime() - d.startedAt.getTime()) / 1000)})` : ''}</dd>
        {d.changeFailure && <><dt>Recovered</dt><dd>{d.nextSuccessAt ? `at the next successful deployment, ${when(d.nextSuccessAt, tz)}` : 'not yet'}</dd></>}
        <dt>Source</dt><dd>{d.source}{d.triggeredBy ? ` · by ${d.triggeredBy}` : ''}{d.url ? <> · <a href={d.url}>in the pipeline</a></> : null}</dd>
      </dl>

      <h2>Rollback chain</h2>
      <ul data-testid="rollback-chain">
        <li>Before: {before ? <Neighbour n={before} tz={tz} /> : 'none (its first finished deployment here)'}{d.rollsBack && before ? ' · this deployment rolled it back' : ''}</li>
        <li>After: {after ? <Neighbour n={after} tz={tz} /> : 'none yet'}{d.rolledBack && after ? ' · it rolled this one back' : ''}</li>
      </ul>

      <h2>Commits ({commits.length})</h2>
      {commits.length === 0 ? <p className="muted">The deployment reported no commits.</p> : <Commits commits={commits} repo={d.repositoryUrl} tz={tz} />}

      <h2>Pull requests ({pulls.length})</h2>
      {pulls.length === 0 ? <p className="muted">No commit names a pull request.</p> : (
        <ul data-testid="pull-requests">
          {pulls.map((c) => {
            const href = pullRequestUrl(d.repositoryUrl, c.prNumber!)
            return <li key={c.prNumber}>{href ? <a href={href}>#{c.prNumber}</a> : `#${c.prNumber}`} · opened {when(c.prOpenedAt, tz)} · merged {when(c.prMergedAt, tz)}</li>
          })}
        </ul>
      )}

      <h2>Incidents</h2>
      {incidents.length === 0 ? <p className="muted">No incident names this deployment as its cause or its fix.</p> : (
        <ul data-testid="deployment-incidents">
          {incidents.map((i) => (
            <li key={`${i.role}-${i.id}`}>
              {i.role === 'caused' ? 'Caused' : 'Fixed'}: <a href={`/incidents/${i.id}`}>{i.title}</a> ({i.externalId}) · opened {when(i.openedAt, tz)} ·{' '}
              {i.resolvedAt ? `restored after ${formatDuration((i.resolvedAt.getTime() - i.openedAt.getTime()) / 1000)}` : 'open'}
              {i.outage ? ' · outage' : ''}{i.method ? ` · linked ${i.method.replace('_', ' ')}` : ''}
            </li>
          ))}
        </ul>
      )}

      <h2>Scans of its image or commit</h2>
      {scans.length === 0 ? <p className="muted">No scan names its image digest or commit.</p> : (
        <ul data-testid="deployment-scans">
          {scans.map((s) => (
            <li key={s.id}>
              <a href={`/compliance/${d.service}?team=${d.team}`}>{s.kind} scan ({s.format})</a> · {when(s.scannedAt, tz)} · matched by {s.matchedBy} ·{' '}
              {s.broken ? 'broken (no score)' : s.score === null ? 'no score' : `${s.score.toFixed(1)} / 100${s.grade ? `, grade ${s.grade}` : ''}`}
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

function Sha({ repo, sha }: { repo: string | null; sha: string }) {
  const href = commitUrl(repo, sha)
  return href ? <a href={href} title={sha}><code>{short(sha)}</code></a> : <code title={sha}>{short(sha)}</code>
}

function Neighbour({ n, tz }: { n: NeighbourDeployment; tz: string }) {
  const outcome = deploymentOutcome({ status: n.status, rollback: n.rollsBack, rolledBack: n.rolledBack, hotfix: false })
  return <><a href={`/deployments/${n.id}`}>{n.externalId}</a> ({n.version ?? 'no version'}, <span className={outcome.className}>{outcome.label}</span>, {when(n.finishedAt, tz)})</>
}

function Commits({ commits, repo, tz }: { commits: DeploymentCommit[]; repo: string | null; tz: string }) {
  return (
    <div className="table-scroll" tabIndex={0}>
      <table data-testid="deployment-commits">
        <thead><tr><th scope="col">Commit</th><th scope="col">Message</th><th scope="col">Committed</th><th scope="col">Pull request</th><th scope="col">Lead time ends here</th></tr></thead>
        <tbody>
          {commits.map((c) => (
            <tr key={c.sha}>
              <td><Sha repo={repo} sha={c.sha} /></td>
              <td>{c.message?.split('\n')[0] ?? '—'}</td>
              <td>{when(c.committedAt ?? c.authoredAt, tz)}</td>
              <td>{c.prNumber === null ? '—' : `#${c.prNumber}`}</td>
              <td>{c.firstHere ? 'yes' : 'no (an earlier deployment carried it)'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
