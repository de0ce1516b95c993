import { InlineCode } from '@/components/api-reference/inline-code'

type JsonSchema = {
  type?: string | string[]
  enum?: unknown[]
  format?: string
  description?: string
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  $ref?: string
}

export function describeType(s: JsonSchema): string {
  if (s.$ref) return s.$ref.split('/').pop() ?? 'object'
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ')
  const alternatives = s.anyOf ?? s.oneOf
  if (alternatives) return alternatives.map(describeType).join(' | ')
  if (s.type === 'array' && s.items) return `${describeType(s.items)}[]`
  const type = Array.isArray(s.type) ? s.type.join(' | ') : (s.type ?? 'any')
  return s.format ? `${type} (${s.format})` : type
}

// One row per property: name, type, required, description.
export function SchemaTable({ name, schema }: { name: string; schema: JsonSchema }) {
  const props = Object.entries(schema.properties ?? {})
  return (
    <section id={`schema-${name}`}>
      <h3>{name}</h3>
      <table>
        <thead>
          <tr><th>Field</th><th>Type</th><th>Required</th><th>Description</th></tr>
        </thead>
        <tbody>
          {props.map(([prop, s]) => (
            <tr key={prop}>
              <td><code>{prop}</code></td>
              <td><code>{s.type === 'array' && s.items?.properties ? 'object[] (below)' : describeType(s)}</code></td>
              <td>{schema.required?.includes(prop) ? 'yes' : ''}</td>
              <td><InlineCode text={s.description ?? ''} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      {props
        .filter(([, s]) => s.type === 'array' && s.items?.properties)
        .map(([prop, s]) => <SchemaTable key={prop} name={`${name}.${prop}[]`} schema={s.items!} />)}
    </section>
  )
}

export type { JsonSchema }
