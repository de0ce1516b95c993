// PostgreSQL refuses some text a request can carry: NUL (0x00) in text or as \u0000 in JSON turned into
// text, and unpaired UTF-16 surrogates in JSON. JSON bodies are checked for NUL when read
// (read-json-body.ts); scanner reports are not, and the fuzz test of docs/reliability.md found both as 500s.
// The request is at fault, so the answer is a 422.
// 22021 invalid byte sequence, 22P05 untranslatable character (\u0000 to text), 22P02 bad json input
export function isUnstorableText(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null
  if (!e || typeof e.code !== 'string') return false
  if (e.code === '22021' || e.code === '22P05') return true
  return e.code === '22P02' && typeof e.message === 'string' && /type jsonb?\b/.test(e.message)
}
