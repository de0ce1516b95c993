import { route } from '@/lib/http/route'
import { bundleCli } from '@/lib/cli/bundle-cli'

export const dynamic = 'force-dynamic'

// GET /cli/plimsoll.mjs – the plimsoll command as one file for pipelines: `node plimsoll.mjs deploy ...`
export const GET = route({ access: 'public' }, async () => new Response(await bundleCli(), {
  headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=300' },
}))
