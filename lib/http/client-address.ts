// The address a request came from, for per-address limits, sign-in limits and the audit log. The
// socket's peer is the only address nobody can forge; each trusted reverse proxy in front appends the
// address it saw to X-Forwarded-For, so with N of them the client is N entries left of the peer.
// Anything further left was written by the client itself and is ignored.
export function clientAddress(forwardedFor: string | string[] | undefined, peer: string | undefined, trustedProxies: number): string | undefined {
  if (!peer) return undefined // a socket already closed: nothing to vouch for
  const listed = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  const chain = [...listed, peer]
  return chain[Math.max(0, chain.length - 1 - trustedProxies)]
}
