// Where to go after signing in: only a path on this site, never "//evil.example" or "https://...".
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/'
  if (next.startsWith('/api/auth')) return '/'
  return next
}
