export type IngestOutcome = 'created' | 'updated' | 'unchanged'

const rank: Record<IngestOutcome, number> = { unchanged: 0, updated: 1, created: 2 }

export function strongestOutcome(outcomes: IngestOutcome[]): IngestOutcome {
  return outcomes.reduce<IngestOutcome>((a, b) => (rank[b] > rank[a] ? b : a), 'unchanged')
}

// 201 when anything was created, 200 for updates and idempotent replays.
export function outcomeStatus(outcome: IngestOutcome): number {
  return outcome === 'created' ? 201 : 200
}
