import { route } from '@/lib/http/route'
import { listGithubImports } from '@/lib/queries/list-github-imports'

export const dynamic = 'force-dynamic'

// GET /api/dashboard/github-imports – the settings page's import progress refreshes
export const GET = route({ access: 'dashboard' }, async () => Response.json({ imports: await listGithubImports(), asOf: new Date() }))
