import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { JsonShapeGuard, type JsonShapeLimits } from '@/lib/http/json-shape-guard'
import { AppError, MAX_FIELD_ERRORS, validationError } from '@/lib/http/app-error'
import { zodValidationError } from '@/lib/validation/zod-fields'
import { boundedArray } from '@/lib/validation/bounded-array'

const limits: JsonShapeLimits = { maxDepth: 4, maxItems: 3, maxValues: 12 }

// fed one character at a time too: a limit must hold across chunk boundaries
function check(text: string, chunk = text.length): AppError | null {
  const guard = new JsonShapeGuard(limits)
  try {
    for (let i = 0; i < text.length; i += chunk) guard.write(text.slice(i, i + chunk))
    return null
  } catch (err) {
    return err as AppError
  }
}

describe('JsonShapeGuard', () => {
  it.each([
    ['[[[[1]]]]', null],
    ['[[[[[1]]]]]', 'nests deeper than 4 levels'],
    ['{"a":[1,2,3]}', null],
    ['{"a":[1,2,3,4]}', 'a: must have at most 3 items'],
    ['{"a":[],"b":[[]],"c":{}}', null],
    ['{"a":1,"b":2,"c":3,"d":4}', '(body): must have at most 3 fields'],
    ['{"x":{"list":[{},{},{},{}]}}', 'x.list: must have at most 3 items'],
    ['{"x":[{"y":[1,2,3,4]}]}', 'x.0.y: must have at most 3 items'],
    // brackets, commas and colons inside strings (and escaped quotes) are text
    ['{"a":"[[[[[,,,,:::\\"[[[["}', null],
    ['[[1,2],[3,4],[5,6]]', null],
    ['[[1,2],[3,4],[5,6],[7]]', '(body): must have at most 3 items'],
    ['[[1,2,3],[1,2,3],[1,2,3]]', 'holds more than 12 values in all'],
  ])('%s', (text, problem) => {
    for (const chunk of [text.length, 1, 2]) {
      const err = check(text, chunk)
      if (problem === null) expect(err).toBeNull()
      else expect(err?.message).toContain(problem)
    }
  })

  it('names the limit in a 422 with one field', () => {
    expect(check('{"a":[1,2,3,4]}')).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'a', message: 'must have at most 3 items' }] })
  })
})

describe('a 422 lists at most MAX_FIELD_ERRORS fields', () => {
  it('says how many more', () => {
    const fields = Array.from({ length: 100 }, (_, i) => ({ path: `f${i}`, message: 'bad' }))
    const err = validationError(fields)
    expect(err.fields).toHaveLength(MAX_FIELD_ERRORS)
    expect(err.message).toMatch(/f19: bad; and 80 more$/)
  })

  it('counts a zod failure without listing it all', () => {
    const result = z.array(z.string()).safeParse(Array.from({ length: 1_000 }, () => 0))
    const err = zodValidationError(result.error!)
    expect(err.fields).toHaveLength(MAX_FIELD_ERRORS)
    expect(err.message).toMatch(/and 980 more$/)
  })

  it('stops checking a bounded array once a 422 is full', () => {
    const result = z.object({ list: boundedArray(z.string(), 1_000_000) }).safeParse({ list: Array.from({ length: 500_000 }, () => 0) })
    expect(result.error!.issues).toHaveLength(MAX_FIELD_ERRORS)
    expect(result.error!.issues.at(-1)).toMatchObject({ path: ['list'], message: 'checking stopped after 19 problems at item 19; more may follow' })
    expect(z.object({ list: boundedArray(z.string(), 2) }).safeParse({ list: ['a', 'b', 'c'] }).error!.issues[0]).toMatchObject({ code: 'too_big' })
  })
})
