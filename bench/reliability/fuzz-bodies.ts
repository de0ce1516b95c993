// fast-check arbitraries of hostile request bodies: a valid body with 1-4 mutations (a field deleted,
// replaced by any JSON value, a huge string, a deep nest, an extra key), any JSON value, any string
// (mostly not JSON), and raw bytes (invalid UTF-8). Sampled with a fixed seed, so a failure replays.
import fc from 'fast-check'

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }

const paths = (v: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] => {
  if (v && typeof v === 'object' && out.length < 400) {
    for (const [k, child] of Object.entries(v)) {
      const p = [...prefix, Array.isArray(v) ? Number(k) : k]
      out.push(p)
      paths(child as Json, p, out)
    }
  }
  return out
}

const nest = (depth: number): Json => {
  let v: Json = 'x'
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v }
  return v
}

const replacement = fc.oneof(
  { weight: 5, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> },
  {
    weight: 2,
    arbitrary: fc.constantFrom<Json>(
      '',
      ' ',
      '\u0000',
      '\ud800',
      '\uffff',
      'ø'.repeat(3000),
      '9'.repeat(400),
      -1,
      0,
      1e308,
      -1e308,
      2 ** 53 + 1,
      2 ** 31,
      true,
      null,
      [],
      {},
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Json>(
      '1970-01-01T00:00:00Z',
      '9999-12-31T23:59:59+14:00',
      '0000-01-01T00:00:00Z',
      '2026-02-30T00:00:00Z',
      '2026-01-01T00:00:00',
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 1_000 }).map(nest) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) as fc.Arbitrary<Json> },
)

const mutation = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('replace', 'replace', 'replace', 'delete', 'add'),
  key: fc.string({ maxLength: 12 }),
  value: replacement,
})

function mutate(valid: Json, ms: { at: number; op: string; key: string; value: Json }[]): Json {
  const copy = structuredClone(valid) as Json
  for (const m of ms) {
    const all = paths(copy)
    if (all.length === 0 || all.some((p) => p.length > 50)) return m.value
    const path = all[m.at % all.length]!
    let parent = copy as Record<string | number, Json>
    for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, Json>
    const last = path[path.length - 1]!
    if (!parent || typeof parent !== 'object') continue
    if (m.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1)
      else delete parent[last]
    } else if (m.op === 'add' && !Array.isArray(parent)) parent[m.key] = m.value
    else parent[last] = m.value
  }
  return copy
}

export type FuzzBody = { kind: 'mutated' | 'json' | 'string' | 'bytes'; body: Buffer }

export function fuzzBodies(valid: Json[], runs: number, seed: number): FuzzBody[] {
  const arb = fc.oneof(
    {
      weight: 12,
      arbitrary: fc
        .tuple(fc.constantFrom(...valid), fc.array(mutation, { minLength: 1, maxLength: 4 }))
        .map(([v, ms]) => ({ kind: 'mutated' as const, body: Buffer.from(JSON.stringify(mutate(v, ms))) })),
    },
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => ({ kind: 'json' as const, body: Buffer.from(JSON.stringify(v) ?? 'null') })) },
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 300 }).map((s) => ({ kind: 'string' as const, body: Buffer.from(s) })) },
    {
      weight: 2,
      // a valid body with bytes that are not UTF-8 spliced in (inside a string or not)
      arbitrary: fc.tuple(fc.constantFrom(...valid), fc.uint8Array({ minLength: 1, maxLength: 16 }), fc.nat()).map(([v, bytes, at]) => {
        const text = Buffer.from(JSON.stringify(v))
        const cut = at % (text.length + 1)
        return { kind: 'bytes' as const, body: Buffer.concat([text.subarray(0, cut), Buffer.from(bytes.map((b) => b | 0x80)), text.subarray(cut)]) }
      }),
    },
  )
  return fc.sample(arb, { numRuns: runs, seed })
}
