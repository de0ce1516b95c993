import type { Metadata } from 'next'
import { browserTimeZone } from '@/lib/time/browser-time-zone'
import { ZoneGuessed } from '@/components/layout/browser-time-zone'
import '@/components/settings/settings.css'
import { headers } from 'next/headers'
import { CopyButton } from '@/components/layout/copy-button'
import { listApiTokens } from '@/lib/queries/create-api-token'
import { listSettings } from '@/lib/queries/list-settings'
import { listGithubConnections } from '@/lib/queries/list-github-connections'
import { listGithubImports } from '@/lib/queries/list-github-imports'
import { listUsers } from '@/lib/queries/auth/users'
import { getPageUser } from '@/lib/auth/page-user'
import { canMaintainTeam, canReadTeam, readableTeamIds } from '@/lib/auth/access'
import { GithubConnections } from '@/components/settings/github-connections'
import { EditTeam, NewTeamForm, TeamZoneList } from '@/components/settings/team-settings'
import { EditService, NewServiceForm } from '@/components/settings/service-settings'
import { TokenSettings } from '@/components/settings/token-settings'
import { PeopleSettings } from '@/components/settings/people-settings'
import { OutboundAllowSettings } from '@/components/settings/outbound-allow-settings'
import { IncidentSourceSettings } from '@/components/settings/incident-source-settings'
import { GoalSettings } from '@/components/settings/goal-settings'
import { goalsFor } from '@/lib/settings/manage-goals'
import { incidentSourcesFor } from '@/lib/settings/manage-incident-sources'
import { NotificationChannelSettings } from '@/components/settings/notification-channel-settings'
import { notificationChannelsWithLogs } from '@/lib/settings/manage-notification-channels'
import { RolloutSourceSettings } from '@/components/settings/rollout-source-settings'
import { rolloutSourcesFor } from '@/lib/settings/manage-rollout-sources'
import { listOutboundAllow } from '@/lib/queries/settings/outbound-allow'
import { pool } from '@/lib/db'
import { exampleService } from '@/lib/settings/example-service'
import { authEnv } from '@/lib/auth/auth-env'
import { requestOrigin } from '@/lib/http/request-origin'
import { serviceHref, sharedSlugs } from '@/lib/dashboard/service-ref'

export const metadata: Metadata = { title: 'Settings' }

export const dynamic = 'force-dynamic'

// The address people reach this dashboard at: PLIMSOLL_PUBLIC_URL, else the one their browser sent.
async function publicOrigin(): Promise<string> {
  return authEnv().PLIMSOLL_PUBLIC_URL?.replace(/\/$/, '') ?? requestOrigin({ headers: await headers() }) ?? 'http://localhost:3000'
}

const iso = (d: Date | null) => (d ? d.toISOString() : null)

// Teams, services, API tokens, people, and how to send a deployment from a pipeline. Changes are offered
// to whoever may make them (the API checks again): admins everything, maintainers their teams' services
// and tokens, viewers nothing.
export default async function SettingsPage() {
  const tz = await browserTimeZone()
  const user = await getPageUser()
  const isAdmin = user?.role === 'admin'
  // with team-only reading (PLIMSOLL_READ_SCOPE=team) teams, services, connections and imports are the reader's teams'
  const readable = user ? readableTeamIds(user) : []
  const [{ teams, services }, tokens, origin, connections, imports, people, allowed, sources, rolloutSources, goals, channels] = await Promise.all([
    listSettings(readable), listApiTokens(pool()), publicOrigin(), listGithubConnections(readable), listGithubImports(readable), isAdmin ? listUsers() : Promise.resolve([]),
    isAdmin ? listOutboundAllow() : Promise.resolve([]), user ? incidentSourcesFor(user) : Promise.resolve([]),
    user ? rolloutSourcesFor(user) : Promise.resolve([]), user ? goalsFor(user, {}) : Promise.resolve([]),
    user ? notificationChannelsWithLogs(user, 20) : Promise.resolve([]),
  ])
  const writable = user ? teams.filter((t) => canMaintainTeam(user, t.id)) : []
  const canEdit = new Set(writable.map((t) => t.slug))
  const teamOptions = writable.map((t) => ({ slug: t.slug, name: t.name }))
  // with team-only reading (PLIMSOLL_READ_SCOPE=team) a person sees their teams' tokens only
  const visibleTokens = user ? tokens.filter((t) => canReadTeam(user, t.teamId)) : []
  const example = exampleService(teams, writable.map((t) => t.id), services)
  const curl = [
    `curl -sS -X POST ${origin}/api/v1/deployments \\`,
    `  -H "Authorization: Bearer $PLIMSOLL_TOKEN" -H "Content-Type: application/json" \\`,
    `  -d '{"id": "'"$CI_PIPELINE_ID"'", "service": "${example.service}", "environment": "production", "status": "success",`,
    `       "sha": "'"$(git rev-parse HEAD)"'",`,
    `       "commits": [{"sha": "'"$(git rev-parse HEAD)"'", "committedAt": "'"$(git log -1 --format=%cI)"'"}]}'`,
  ].join('\n')
  return (
    <>
      <h1>Settings</h1>
      <ZoneGuessed tz={tz} fromUrl={false} />

      <h2 id="post-a-deployment">Send a deployment</h2>
      <p>From any pipeline step, once the deployment finished, with a token of the service's team{example.team ? <> (here <code>{example.team}</code>)</> : null} in <code>PLIMSOLL_TOKEN</code> (every field: <a href="/docs/api">API reference</a>):</p>
      <pre data-testid="curl-example">{curl}</pre>
      <CopyButton text={curl} label="Copy the command" />

      {!user || user.role === 'viewer' ? <p className="muted small card notice">You can look but not change: teams, services and tokens are managed by admins and by each team's maintainers.</p> : null}

      <h2>Teams</h2>
      <div className="table-scroll" tabIndex={0}>
        <table data-testid="settings-teams">
          <thead>
            <tr>
              <th>Team</th><th>Slug</th><th title="The weekly digest goes out on Monday at 09:00 in it">Time zone</th><th>Services</th><th>Active tokens</th>
              {isAdmin ? <th><span className="visually-hidden">Actions</span></th> : null}
            </tr>
          </thead>
          <tbody>
            {teams.map((t) => (
              <tr key={t.slug}>
                <td><a href={`/teams/${t.slug}`}>{t.name}</a></td><td>{t.slug}</td><td>{t.timeZone}</td><td>{t.services}</td><td>{t.tokens}</td>
                {isAdmin ? <td><EditTeam slug={t.slug} name={t.name} timeZone={t.timeZone} /></td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {isAdmin ? <TeamZoneList /> : null}
      {isAdmin ? <NewTeamForm /> : null}

      <h2>Services</h2>
      {teamOptions.length > 0 ? <NewServiceForm teams={teamOptions} /> : null}
      {services.length === 0 ? (
        <p className="card empty-state">No services yet: create one here, or the first deployment sent for a service creates it.</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table data-testid="settings-services">
            <thead><tr><th>Service</th><th>Team</th><th>Repository</th><th>Path prefixes</th><th>Incident attribution</th><th>SLO</th><th>Deployments</th>{teamOptions.length > 0 ? <th><span className="visually-hidden">Actions</span></th> : null}</tr></thead>
            <tbody>
              {services.map((s) => (
                <tr key={`${s.team}/${s.slug}`}>
                  <td><a href={serviceHref(s, sharedSlugs(services))}>{s.name}</a></td><td>{s.team}</td>
                  <td>{s.repositoryUrl ?? '—'}</td><td>{s.pathPrefixes.length ? s.pathPrefixes.join(', ') : 'whole repository'}</td>
                  <td>{s.incidentAttributionHours} h; CFR: {s.cfrSeverities?.join(', ') ?? 'all'}; restore: {s.ttrSeverities?.join(', ') ?? 'all'}</td><td>{s.sloTarget}%</td><td>{s.deployments.toLocaleString('en')}</td>
                  {teamOptions.length > 0 ? <td>{canEdit.has(s.team) ? <EditService service={s} teams={teamOptions} /> : null}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>GitHub</h2>
      <p className="muted">
        Connections, for a repository or a whole organisation (<code>--org</code>), are added with <code>npm run github -- connect</code>,
        repositories with <code>map</code> (see docs/github.md); webhooks go to <code>{origin}/api/webhooks/github</code>.
      </p>
      <GithubConnections connections={connections} imports={{ imports, asOf: new Date() }} tz={tz} />

      <h2 id="incident-sources">Incident tools</h2>
      <p className="muted">
        PagerDuty, Opsgenie, incident.io and Alertmanager send incidents to a URL of their own (see docs/incident-sources.md).
        Rules map each event to a service by the tool's service, a tag or a label; events no rule maps are kept and listed here.
      </p>
      <IncidentSourceSettings
        origin={origin}
        teams={teamOptions}
        services={services.map((s) => ({ slug: s.slug, team: s.team }))}
        sources={sources.map((s) => ({
          id: s.id, team: s.team, kind: s.kind, name: s.name, path: s.path, rules: s.rules, canEdit: canEdit.has(s.team),
          unmapped: s.unmapped.map((e) => ({
            id: e.id, eventType: e.eventType, vendorIncidentId: e.vendorIncidentId, receivedAt: e.receivedAt.toISOString(), attributes: e.attributes,
          })),
        }))}
      />

      <h2 id="rollout-sources">Rollout tools</h2>
      <p className="muted">
        Flagger and Argo Rollouts report each rollout (steps, readiness, promotion or abort) as a deployment with its strategy (docs/strategies.md).
      </p>
      <RolloutSourceSettings origin={origin} teams={teamOptions} sources={rolloutSources.map((s) => ({
        id: s.id, team: s.team, kind: s.kind, name: s.name, path: s.path, canEdit: canEdit.has(s.team),
        events: s.events.map((e) => ({
          id: e.id, target: e.target, eventType: e.eventType, state: e.state, note: e.note, rolloutKey: e.rolloutKey, receivedAt: e.receivedAt.toISOString(),
        })),
      }))} />

      <h2 id="goals">Goals</h2>
      <p className="muted">
        A target per metric for a team or one of its services, judged over the range shown (met, at risk, missed) on /teams and the
        overview, drawn on the trend charts, and sent to the team's channels when crossed (docs/metrics.md, "Goals").
      </p>
      <GoalSettings
        teams={teamOptions}
        services={services.map((s) => ({ slug: s.slug, team: s.team }))}
        goals={goals.map((g) => ({ ...g, canEdit: canEdit.has(g.team) }))}
      />

      <h2 id="notification-channels">Notification channels</h2>
      <p className="muted">
        Where a team&apos;s alerts go: Slack or Teams incoming webhooks, e-mail over SMTP, or a JSON webhook signed with HMAC-SHA256
        (docs/notifications.md). Internal hosts are refused unless an admin lists them below; failed sends are retried with backoff.
      </p>
      <NotificationChannelSettings
        teams={teamOptions}
        channels={channels.map((c) => ({
          id: c.id, team: c.team, kind: c.kind, name: c.name, events: c.events, target: c.target, enabled: c.enabled, canEdit: canEdit.has(c.team),
          log: c.log.map((l) => ({ ...l, at: new Date(l.at).toISOString() })),
        }))}
      />

      <h2>API tokens</h2>
      <p className="muted">
        A token writes and reads for its team only, within its scopes. Maintainers manage their teams' tokens,
        admins every team's; on the server, <code>npm run token -- create --team &lt;slug&gt;</code> works too.
      </p>
      <TokenSettings
        teams={teamOptions}
        now={Date.now()}
        tz={tz}
        tokens={visibleTokens.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), lastUsedAt: iso(t.lastUsedAt), expiresAt: iso(t.expiresAt), revokedAt: iso(t.revokedAt) }))}
      />

      {isAdmin ? (
        <>
          <h2>People</h2>
          <PeopleSettings
            teams={teams.map((t) => ({ id: t.id, slug: t.slug, name: t.name }))}
            tz={tz}
            people={people.map((p) => ({ userId: p.userId, email: p.email, name: p.name, role: p.role, teamIds: p.teamIds, signInMethods: p.signInMethods, lastSignInAt: iso(p.lastSignInAt) }))}
          />

          <h2 id="outbound-allow">Internal targets checks may reach</h2>
          <p className="muted">
            Checks refuse loopback, private, link-local, carrier-grade NAT and cloud metadata addresses, however they are spelled
            and whatever name leads to them. List the internal hosts (or address ranges) your checks should probe; only these
            may use a body check. Metadata addresses stay refused. The worker reads the list again within 30 s.
          </p>
          <OutboundAllowSettings entries={allowed.map((a) => ({ id: a.id, entry: a.entry, note: a.note, createdAt: a.createdAt.toISOString() }))} />
        </>
      ) : null}
    </>
  )
}
