import { z } from 'zod'

// zod -> JSON Schema 2020-12 (the dialect OpenAPI 3.1 uses). Dates leave the API as ISO strings.
export function toSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const json = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    override: (ctx) => {
      const def = (ctx.zodSchema as unknown as { _zod: { def: { type: string } } })._zod.def
      if (def.type === 'date') {
        ctx.jsonSchema.type = 'string'
        ctx.jsonSchema.format = 'date-time'
      }
    },
  }) as Record<string, unknown>
  delete json.$schema
  return json
}

// Query-string schemas become one OpenAPI parameter per property.
export function toQueryParameters(schema: z.ZodType) {
  const json = toSchema(schema, 'input') as { properties?: Record<string, Record<string, unknown>>; required?: string[] }
  return Object.entries(json.properties ?? {}).map(([name, prop]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    description: prop.description,
    schema: prop,
  }))
}
