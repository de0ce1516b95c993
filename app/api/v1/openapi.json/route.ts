import { route } from '@/lib/http/route'
import { buildOpenApiDocument } from '@/lib/openapi/document'

export const dynamic = 'force-dynamic'

// GET /api/v1/openapi.json – the OpenAPI 3.1 document of the ingest API
export const GET = route({ access: 'public' }, async ({ req }) => Response.json(buildOpenApiDocument(new URL(req.url).origin)))
