import { getSetupProgress } from '@/lib/queries/setup-progress'

// An organisation without a deployment yet sees what is left before its first numbers; each step ticks
// itself when it is done (the README's "Start with your own data" gives the same steps as commands).
export async function SetupChecklist() {
  const progress = await getSetupProgress()
  if (progress.deploymentReceived) return null
  const steps = [
    { done: progress.adminExists, label: 'An admin exists', how: <>the link the first start printed, or <code>npm run admin -- create --email you@example.com --password-stdin</code></> },
    { done: progress.teamWithToken, label: 'A team with an API token', how: <>Settings, or <code>npm run team -- create payments</code> then <code>npm run token -- create --team payments</code></> },
    { done: progress.deploymentReceived, label: 'The first deployment received', how: <>the command under <a href="/settings#post-a-deployment">Settings → Send a deployment</a></> },
  ]
  return (
    <section className="card" aria-labelledby="setup-checklist-title" data-testid="setup-checklist">
      <h2 id="setup-checklist-title">Get started</h2>
      <ol>
        {steps.map((s) => (
          <li key={s.label} data-done={s.done}>
            <span aria-hidden="true">{s.done ? '✓' : '○'}</span> <strong>{s.label}</strong>
            <span className="visually-hidden">{s.done ? ' (done)' : ' (to do)'}</span>{s.done ? null : <>: {s.how}</>}
          </li>
        ))}
      </ol>
    </section>
  )
}
