import type { Metadata } from 'next'
import { buildOpenApiDocument } from '@/lib/openapi/document'
import { SchemaTable, describeType, type JsonSchema } from '@/components/api-reference/schema-table'
import { InlineCode } from '@/components/api-reference/inline-code'

export const metadata: Metadata = { title: 'API reference' }

type Operation = {
  summary: string
  description?: string
  parameters?: { name: string; required: boolean; description?: string; schema: JsonSchema }[]
  responses: Record<string, { description: string }>
}

export default function ApiReferencePage() {
  const doc = buildOpenApiDocument()
  const paths = doc.paths as unknown as Record<string, Record<string, Operation>>
  return (
    <>
      <h1>API reference</h1>
      <p><InlineCode text={doc.info.description} /></p>
      <p>
        Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI {doc.openapi}). Errors are always{' '}
        <code>{'{ "error": { "code", "message", "fields"? } }'}</code>.
      </p>
      <pre>{`curl -X POST http://localhost:3000/api/v1/deployments \\
  -H "Authorization: Bearer $PLIMSOLL_TOKEN" -H "Content-Type: application/json" \\
  -d '{"id":"deploy-42","service":"checkout","environment":"production","status":"success",
       "finishedAt":"2026-05-01T10:09:00Z","sha":"015e3d3b480e417aede5a1293bd61de9b0fd051d",
       "commits":[{"sha":"015e3d3b480e417aede5a1293bd61de9b0fd051d","committedAt":"2026-05-01T08:00:00Z"}]}'`}</pre>
      {Object.entries(paths).flatMap(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => (
          <section key={`${method} ${path}`} className="card" style={{ marginBottom: '1rem' }}>
            <h2 style={{ marginTop: 0 }}>
              <code>{method.toUpperCase()} {path}</code> — {op.summary}
            </h2>
            {op.description && <p><InlineCode text={op.description} /></p>}
            {op.parameters && op.parameters.length > 0 && (
              <table>
                <thead><tr><th>Query parameter</th><th>Type</th><th>Required</th><th>Description</th></tr></thead>
                <tbody>
                  {op.parameters.map((p) => (
                    <tr key={p.name}><td><code>{p.name}</code></td><td><code>{describeType(p.schema)}</code></td><td>{p.required ? 'yes' : ''}</td><td>{p.description ?? ''}</td></tr>
                  ))}
                </tbody>
              </table>
            )}
            <p className="muted">Responses: <InlineCode text={Object.entries(op.responses).map(([code, r]) => `${code} ${r.description}`).join(' · ')} /></p>
          </section>
        )),
      )}
      <h2>Schemas</h2>
      {Object.entries(doc.components.schemas).map(([name, schema]) => (
        <SchemaTable key={name} name={name} schema={schema as JsonSchema} />
      ))}
    </>
  )
}
