import { readableTeamIds } from '@/lib/auth/access'
import { route } from '@/lib/http/route'
import { listGithubImports } from '@/lib/queries/list-github-imports'

export const dynamic = 'force-dynamic'

// GET /api/dashboard/github-imports – the settings page's import progress refreshes (the caller's readable teams' connections)
export const GET = route({ access: 'dashboard' }, async ({ principal }) => Response.json({ imports: await listGithubImports(readableTeamIds(principal)), asOf: new Date() }))
