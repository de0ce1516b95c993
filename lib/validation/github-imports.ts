import { z } from 'zod'

// GET /api/dashboard/github-imports as JSON carries it (times as ISO strings), back to Dates in the browser.
export const githubImportDto = z.object({
  connection: z.string(), fullName: z.string(), done: z.number(), total: z.number(), rate: z.number().nullable(),
  rateRemaining: z.number().nullable(), startedAt: z.coerce.date(), finishedAt: z.coerce.date().nullable(), updatedAt: z.coerce.date(),
})
export const githubImportsDto = z.object({ imports: z.array(githubImportDto), asOf: z.coerce.date() })
export type GithubImports = z.infer<typeof githubImportsDto>
