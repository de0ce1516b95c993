import { describe, expect, it } from 'vitest'
import { deploymentOutcome } from '@/lib/format/deployment-status'

describe('deploymentOutcome', () => {
  it.each([
    [{ status: 'success', rollback: false, rolledBack: false, hotfix: false }, 'success', 'status-success'],
    [{ status: 'success', rollback: true, rolledBack: false, hotfix: false }, 'rollback', 'status-rollback'],
    [{ status: 'failure', rollback: true, rolledBack: false, hotfix: false }, 'failed rollback', 'status-failure'],
    [{ status: 'success', rollback: false, rolledBack: true, hotfix: true }, 'rolled back · hotfix', 'status-failure'],
    [{ status: 'in_progress', rollback: false, rolledBack: false, hotfix: false }, 'in progress', 'status-in_progress'],
    [{ status: 'failure', rollback: false, rolledBack: true, hotfix: false }, 'failure', 'status-failure'],
  ])('%o reads %s', (d, label, className) => {
    expect(deploymentOutcome(d)).toEqual({ label, className })
  })
})
