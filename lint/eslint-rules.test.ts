import fs from 'node:fs'
import path from 'node:path'
import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'

// The lint step's rules run on in-memory fixtures placed at real paths (the config picks rules by path), so each
// boundary is shown to fail on a new file and to stay quiet on a clean one. Uses the repository's own config.
let eslint: ESLint
// The first lint loads the config and the TypeScript parser (about 2 s, far more on a loaded machine): do it here,
// under a hook timeout, so that no test's own timeout pays for it.
beforeAll(async () => {
  eslint = new ESLint({ cwd: process.cwd() })
  await eslint.lintText('export {}\n', { filePath: 'lib/metrics/lint-fixture.ts' })
}, 60_000)

async function lint(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath })
  return result!.messages.map((m) => ({ rule: m.ruleId, line: m.line, message: m.message }))
}

const clean = `import { formatMetric } from '@/lib/format/format-metric'\nexport { formatMetric }\n`
const long = (n: number) => `export const s = '${'x'.repeat(n - 19)}'\n`

describe('import boundaries', () => {
  it('a new component that imports lib/queries is an error naming the boundary', async () => {
    const messages = await lint(
      'components/metrics/lint-fixture.tsx',
      `import { listIncidents } from '@/lib/queries/list-incidents'\nexport { listIncidents }\n`,
    )
    expect(messages).toEqual([
      expect.objectContaining({ rule: 'no-restricted-imports', line: 1, message: expect.stringContaining('UI must not import lib/queries or lib/db') }),
    ])
  })

  it('a new page that imports the pool (lib/db) is an error, type-only imports included', async () => {
    const messages = await lint('app/lint-fixture/page.tsx', `import type { Queryable } from '@/lib/db'\nexport type Q = Queryable\n`)
    expect(messages.map((m) => m.rule)).toEqual(['no-restricted-imports'])
  })

  it("a component cannot reach the queries through a '../' path either", async () => {
    const messages = await lint('components/metrics/lint-fixture.tsx', `import { x } from '../../lib/queries/list-incidents'\nexport { x }\n`)
    expect(messages.map((m) => m.rule)).toEqual(['no-restricted-imports'])
  })

  it('a clean component, and a component reading through lib/dashboard, have no messages', async () => {
    expect(await lint('components/metrics/lint-fixture.tsx', clean)).toEqual([])
    const viaDashboard = `import { getDeploymentFeed } from '@/lib/dashboard/deployment-feed'\nexport { getDeploymentFeed }\n`
    expect(await lint('components/metrics/lint-fixture.tsx', viaDashboard)).toEqual([])
  })

  it.each([
    ['lib/queries/lint-fixture.ts', '@/lib/http/route'],
    ['lib/queries/lint-fixture.ts', '@/app/api/health/route'],
    ['lib/ingest/lint-fixture.ts', '@/lib/http/app-error'],
    ['lib/engine/lint-fixture.ts', '@/lib/http/cursor'],
    ['lib/metrics/lint-fixture.ts', '@/lib/http/rate-limit'],
  ])('the data layer must not import the HTTP layer: %s importing %s', async (file, from) => {
    const messages = await lint(file, `import * as m from '${from}'\nexport { m }\n`)
    expect(messages).toEqual([expect.objectContaining({ rule: 'no-restricted-imports', message: expect.stringContaining('must not import app/ or lib/http') })])
  })

  it('the data layer takes its error type from lib/errors without a message', async () => {
    expect(await lint('lib/queries/lint-fixture.ts', `import { AppError } from '@/lib/errors/app-error'\nexport { AppError }\n`)).toEqual([])
  })

  it('a listed debt file keeps its import until it is fixed (the ratchet)', async () => {
    // the first page still on the list (read as text: the list is plain JavaScript for eslint.config.mjs)
    const debt = fs.readFileSync(path.join(import.meta.dirname, 'boundary-debt.mjs'), 'utf8')
    const listed = /uiImportsDataDebt = \[[^\]]*?'(app\/[^']+\.tsx)'/.exec(debt)?.[1]
    expect(listed, 'a page on uiImportsDataDebt').toBeDefined()
    expect(await lint(listed!, `import { x } from '@/lib/queries/list-filter-options'\nexport { x }\n`)).toEqual([])
    expect(await lint(listed!.replace(/page\.tsx$/, 'other-page.tsx'), `import { x } from '@/lib/queries/x'\nexport { x }\n`)).toHaveLength(1)
  })
})

describe('line length', () => {
  it('a line of 160 characters passes, 161 is an error in a new file', async () => {
    expect(long(160)).toHaveLength(161)
    expect(await lint('lib/metrics/lint-fixture.ts', long(160))).toEqual([])
    expect(await lint('lib/metrics/lint-fixture.ts', long(161))).toEqual([
      expect.objectContaining({ rule: 'plimsoll/max-line-length', line: 1, message: 'Line is 161 characters, over 160; wrap it.' }),
    ])
  })

  it('a file on the debt list may keep its count of long lines but not add one', async () => {
    // lib/openapi/document.ts is listed with its count; the fixture text stands in for the file, and the
    // message of a clearly-over text names the count
    const flood = await lint('lib/openapi/document.ts', long(200).repeat(100))
    expect(flood).toHaveLength(100)
    const allowed = Number(/may keep at most (\d+) such lines/.exec(flood[0]!.message)?.[1])
    expect(allowed).toBeGreaterThan(0)
    expect(await lint('lib/openapi/document.ts', long(200).repeat(allowed))).toEqual([])
    const over = await lint('lib/openapi/document.ts', long(200).repeat(allowed + 1))
    expect(over).toHaveLength(allowed + 1)
    expect(over[0]!.message).toContain(`may keep at most ${allowed} such lines`)
  })
})
