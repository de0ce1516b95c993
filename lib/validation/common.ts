import { z } from 'zod'

// RFC 3339 with an explicit offset: a time without a zone is ambiguous, so it is refused.
export const isoDateTime = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-05-01T10:00:00Z' })
  .transform((s) => new Date(s))

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'must be 1-100 characters: letters, digits, ".", "_" or "-", starting with a letter or digit')

export const externalIdSchema = z.union([z.string().trim().min(1).max(200), z.number().int().transform(String)], {
  error: 'must be a non-empty string (at most 200 characters)',
})

export const shaSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{7,64}$/, 'must be a hexadecimal commit sha (7-64 characters)')

export const environmentTierSchema = z.enum(['production', 'staging', 'testing', 'development'])
export type EnvironmentTier = z.infer<typeof environmentTierSchema>

export const urlSchema = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000)

export const limitSchema = z.coerce.number().int().min(1).max(500).default(50)

export const cursorSchema = z.string().max(200).optional()

// A numeric key in a URL (an int4 column): a larger number is a 422 on its field, not a database error.
export const int4Id = z.coerce.number().int().positive().max(2_147_483_647, 'is not an id this install issued')

// A route's numeric <id> (an int4 key): anything else is a 422 on "id".
export const idParams = z.object({ id: int4Id })

// Free text a list filter compares with a text column (PostgreSQL text holds no NUL character).
export const filterText = (max: number) => z.string().trim().max(max).refine((s) => !s.includes('\u0000'), 'must not contain a NUL character')

// A time a filter compares with a timestamptz column: only years PostgreSQL and JavaScript both hold.
export const filterTime = z.coerce.date().min(new Date('0001-01-01T00:00:00Z'), 'must be after year 1').max(new Date('9999-12-31T23:59:59Z'), 'must be before year 10000')
