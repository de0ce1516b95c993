import { HOUR, MINUTE, nextEventTime } from './calendar'
import type { TeamProfile } from './profiles'
import type { Random } from './random'
import type { ChangeRow } from './types'

const VERBS = ['feat', 'fix', 'refactor', 'chore', 'perf', 'test', 'docs'] as const
const SUBJECTS = [
  'handle empty cart', 'retry on 503 from upstream', 'cache product lookups', 'add pagination to list endpoint',
  'bump dependencies', 'tighten input validation', 'log request ids', 'speed up nightly export',
  'remove dead feature flag', 'add metrics for queue depth', 'fix timezone in invoice dates', 'upgrade base image',
  'rotate signing keys', 'add idempotency keys', 'improve error messages', 'split large migration',
] as const

// Mostly single-commit PRs (squash-style), some with a few commits.
const COMMITS_PER_PR = [1, 1, 1, 1, 1, 1, 1, 2, 2, 3] as const

interface OpenPullRequest {
  mergedAt: number
  commits: ChangeRow[]
}

/**
 * Pull requests of one service: commits are authored before the PR opens, the PR merges later,
 * and commits reach `main` in merge order. Only merged commits become deployable changes.
 */
export class PullRequestStream {
  private nextOpenAt: number
  private nextPrNumber = 1
  private open: OpenPullRequest[] = []

  constructor(
    private readonly rng: Random,
    private readonly profile: TeamProfile,
    private readonly serviceId: number,
    private readonly nextChangeId: () => number,
    start: number,
  ) {
    this.nextOpenAt = nextEventTime(start, 24 / profile.prsPerDay, rng)
  }

  /** Changes merged in (previous call, t], oldest merge first. */
  mergedUntil(t: number): ChangeRow[] {
    while (this.nextOpenAt <= t) {
      this.open.push(this.openPullRequest(this.nextOpenAt))
      this.nextOpenAt = nextEventTime(this.nextOpenAt, 24 / this.profile.prsPerDay, this.rng)
    }
    const merged = this.open.filter((pr) => pr.mergedAt <= t).sort((a, b) => a.mergedAt - b.mergedAt)
    if (merged.length === 0) return []
    this.open = this.open.filter((pr) => pr.mergedAt > t)
    // ids are handed out at merge time so `main` order is id order
    return merged.flatMap((pr) => pr.commits.map((c) => ({ ...c, id: this.nextChangeId() })))
  }

  /** A one-commit PR opened and merged right away, for hotfixes. */
  hotfix(t: number, incidentKey: string): ChangeRow {
    const authoredAt = Math.round(t - (25 * MINUTE) / this.profile.pace)
    return {
      id: this.nextChangeId(),
      serviceId: this.serviceId,
      sha: this.rng.hex(40),
      authoredAt,
      committedAt: authoredAt,
      message: `fix: hotfix for ${incidentKey}`,
      prNumber: this.nextPrNumber++,
      prOpenedAt: Math.round(authoredAt + (t - authoredAt) / 2),
      prMergedAt: Math.round(t),
    }
  }

  private openPullRequest(at: number): OpenPullRequest {
    const { rng, profile } = this
    const openedAt = Math.round(at)
    const prNumber = this.nextPrNumber++
    const mergedAt = openedAt + Math.round(Math.max((5 * MINUTE) / profile.pace, rng.logNormal(profile.reviewHours * HOUR, 0.9)))
    const message = `${rng.pick(VERBS)}: ${rng.pick(SUBJECTS)} (#${prNumber})`
    const count = rng.pick(COMMITS_PER_PR)
    const commits: ChangeRow[] = []
    let authoredAt = openedAt - Math.round(rng.logNormal(profile.commitsBeforePrHours * HOUR, 0.8))
    for (let i = 0; i < count; i++) {
      commits.push({
        id: 0,
        serviceId: this.serviceId,
        sha: rng.hex(40),
        authoredAt,
        committedAt: Math.min(openedAt, authoredAt + Math.round((rng.next() * 2 * MINUTE) / profile.pace)),
        message,
        prNumber,
        prOpenedAt: openedAt,
        prMergedAt: mergedAt,
      })
      authoredAt += Math.round((openedAt - authoredAt) * rng.next())
    }
    return { mergedAt, commits }
  }
}
