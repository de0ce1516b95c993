// How a deployment's outcome reads in a table: a rollback is a rollback (not a green "success · rollback"),
// a deployment a later one rolled back says so in the failure colour; the class picks the colour.
export function deploymentOutcome(d: { status: string; rollback: boolean; rolledBack: boolean; hotfix: boolean }): { label: string; className: string } {
  const hotfix = d.hotfix ? ' · hotfix' : ''
  if (d.status === 'success' && d.rollback) return { label: `rollback${hotfix}`, className: 'status-rollback' }
  if (d.status === 'failure' && d.rollback) return { label: `failed rollback${hotfix}`, className: 'status-failure' }
  if (d.status === 'success' && d.rolledBack) return { label: `rolled back${hotfix}`, className: 'status-failure' }
  return { label: `${d.status.replace('_', ' ')}${hotfix}`, className: `status-${d.status}` }
}
