import { z } from 'zod'

// Settings of the request helpers (lib/http), apart so that reading a body never needs DATABASE_URL.
export const httpEnvSchema = z.object({
  // a request body not received in full this long after the handler began reading it is refused with
  // 408 (a body trickled a byte at a time: docs/reliability.md, hostile requests). Uploads over slow
  // links (large scan reports) may need more.
  PLIMSOLL_BODY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
})

// Settings read once from the environment; nothing else reads process.env for them.
export const envSchema = z.object({
  ...httpEnvSchema.shape,
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgresql:// URL' }),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  // a request waits this long for a pooled connection, a statement this long for the database, before
  // the answer is a 503 with Retry-After (docs/reliability.md: slow or saturated database)
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  // optional read replica (a hot standby) for the metrics queries; unset: they read the primary
  DATABASE_READ_URL: z.literal('').transform(() => undefined)
    .or(z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgresql:// URL' })).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // enabled http/tcp checks one team may have: probes are shared fairly between teams (docs/availability.md)
  PLIMSOLL_MAX_CHECKS_PER_TEAM: z.coerce.number().int().min(1).max(100_000).default(100),
  // encrypts stored secrets (webhook secrets); 32 random bytes, base64: `openssl rand -base64 32`
  PLIMSOLL_SECRET_KEY: z.string().refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64 (openssl rand -base64 32)').optional(),
  // keys rotated out: values sealed under them still open until `npm run secrets:rotate` (comma-separated)
  PLIMSOLL_SECRET_KEY_PREVIOUS: z.string().refine((v) => v.split(',').every((k) => Buffer.from(k.trim(), 'base64').length === 32), 'each key must be 32 bytes, base64').optional(),
})

export type Env = z.infer<typeof envSchema>

export class EnvError extends Error {}

// Fails with every wrong or missing setting named, e.g. "DATABASE_URL: must be a postgresql:// URL".
export function parseEnv<S extends z.ZodType>(schema: S, source: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(source)
  if (result.success) return result.data
  const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`)
  throw new EnvError(`Invalid configuration:\n${lines.join('\n')}`)
}

let cached: Env | undefined
export function env(): Env {
  cached ??= parseEnv(envSchema)
  return cached
}

let cachedHttp: z.infer<typeof httpEnvSchema> | undefined
export function httpEnv(): z.infer<typeof httpEnvSchema> {
  cachedHttp ??= parseEnv(httpEnvSchema)
  return cachedHttp
}

// Settings of `npm start` itself (it may run before DATABASE_URL exists: then it starts the embedded one).
export const startEnvSchema = z.object({
  DATABASE_URL: envSchema.shape.DATABASE_URL.optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PLIMSOLL_DATA_DIR: z.string().min(1).default('.data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(55432),
  PLIMSOLL_SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
  // the web process's V8 heap limit (--max-old-space-size), far above one request's peak (docs/security.md)
  PLIMSOLL_WEB_HEAP_MB: z.coerce.number().int().min(256).max(65536).default(2048),
  LOG_LEVEL: envSchema.shape.LOG_LEVEL,
})

// Commands run next to `npm start` (token CLI): without DATABASE_URL they use the embedded database.
export function databaseUrlOrEmbedded(source: NodeJS.ProcessEnv = process.env): string {
  if (source.DATABASE_URL) return parseEnv(envSchema.pick({ DATABASE_URL: true }), source).DATABASE_URL
  const { EMBEDDED_PG_PORT } = parseEnv(startEnvSchema.pick({ EMBEDDED_PG_PORT: true }), source)
  return `postgresql://postgres@127.0.0.1:${EMBEDDED_PG_PORT}/postgres`
}
