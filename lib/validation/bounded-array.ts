import { z } from 'zod'
import { MAX_FIELD_ERRORS } from '@/lib/http/app-error'

// z.array(item).max(max), except that checking stops once a 422's worth of problems is found: zod
// reports every invalid item, and 50,000 items cost 2.4 s and 82 MB of issues that no answer would
// list (issue 18). The last field of such a 422 says that checking stopped there.
export function boundedArray<T extends z.ZodType>(item: T, max: number) {
  return z.array(z.unknown()).max(max).transform((items, ctx) => {
    const out: z.output<T>[] = []
    let problems = 0
    for (let i = 0; i < items.length; i++) {
      const parsed = item.safeParse(items[i])
      if (parsed.success) {
        out.push(parsed.data)
        continue
      }
      for (const issue of parsed.error.issues) {
        if (problems === MAX_FIELD_ERRORS - 1) {
          ctx.addIssue({ code: 'custom', path: [], message: `checking stopped after ${problems} problems at item ${i}; more may follow` })
          return z.NEVER
        }
        problems++
        ctx.addIssue({ code: 'custom', path: [i, ...issue.path], message: issue.message })
      }
    }
    return out
  })
}
