// The service the copyable deployment command on /settings names: one the reader's token can write to.
// A token writes for its own team only, so the example is a service of the first team (oldest first) the
// reader maintains; a reader who maintains none (a viewer, the demo viewer) gets the oldest team's, which is
// the team of the token `npm start` prints (lib/embedded/demo-token.ts).
export function exampleService(
  teams: { id: number; slug: string }[],
  writableTeamIds: number[],
  services: { slug: string; team: string }[],
): { team: string | null; service: string } {
  const byAge = [...teams].sort((a, b) => a.id - b.id)
  const writable = byAge.filter((t) => writableTeamIds.includes(t.id))
  for (const team of writable.length ? writable : byAge) {
    const service = services.find((s) => s.team === team.slug)
    if (service) return { team: team.slug, service: service.slug }
  }
  const team = (writable[0] ?? byAge[0])?.slug ?? null
  return { team, service: 'my-service' }
}
