'use client'

import { sendJson, useServerMutation } from '@/components/hooks/use-server-mutation'
import { MutationError } from '@/components/layout/mutation-status'
import { DeliveryLogTable, type DeliveryLogItem } from '@/components/settings/delivery-log-table'
import { CHANNEL_KINDS, EVENT_LABELS, NotificationChannelForm } from '@/components/settings/notification-channel-form'

export type ChannelItem = {
  id: number; team: string; kind: string; name: string; events: string[]; target: string; enabled: boolean; canEdit: boolean; log: DeliveryLogItem[]
}

// The teams' notification channels: where each sends, what, a test button, and its delivery log.
export function NotificationChannelSettings({ channels, teams }: { channels: ChannelItem[]; teams: { slug: string; name: string }[] }) {
  const test = useServerMutation((id: number) => sendJson('POST', `/api/settings/notification-channels/${id}/test`))
  const toggle = useServerMutation((c: ChannelItem) => sendJson('PATCH', `/api/settings/notification-channels/${c.id}`, { enabled: !c.enabled }))
  const remove = useServerMutation((id: number) => sendJson('DELETE', `/api/settings/notification-channels/${id}`))
  return (
    <>
      {channels.length === 0 ? <p className="card empty-state">No channel yet: alerts are not sent anywhere.</p> : (
        <div data-testid="notification-channels">
          {channels.map((c) => (
            <section key={c.id} className="card" aria-label={`Channel ${c.name}`}>
              <h3>{c.name} <span className="muted small">{CHANNEL_KINDS[c.kind]?.label ?? c.kind}, team {c.team}{c.enabled ? '' : ', off'}</span></h3>
              <p className="small">To <code>{c.target}</code>; sends {c.events.map((e) => EVENT_LABELS[e] ?? e).join(', ')}.</p>
              {c.canEdit ? (
                <p>
                  <button type="button" disabled={test.isPending} onClick={() => test.mutate(c.id)}>Send a test</button>{' '}
                  <button type="button" disabled={toggle.isPending} onClick={() => toggle.mutate(c)}>{c.enabled ? 'Turn off' : 'Turn on'}</button>{' '}
                  <button type="button" disabled={remove.isPending}
                    onClick={() => window.confirm(`Remove ${c.name} and its delivery log?`) && remove.mutate(c.id)}>Remove channel</button>
                </p>
              ) : null}
              {test.isSuccess && test.variables === c.id ? <p className="small" role="status">Test queued: it shows in the log once sent.</p> : null}
              <DeliveryLogTable rows={c.log} />
            </section>
          ))}
        </div>
      )}
      <MutationError error={test.error ?? toggle.error ?? remove.error} />
      {teams.length > 0 ? <NotificationChannelForm teams={teams} /> : null}
    </>
  )
}
