// Every database column that holds a sealed secret (lib/crypto/secret-box.ts). `npm run secrets:rotate`
// re-seals exactly these; an integration test fails when a column named *_enc is missing here.
export const sealedColumns = [
  { table: 'github_connection', column: 'webhook_secret_enc' },
  { table: 'github_connection', column: 'api_token_enc' },
  { table: 'github_connection', column: 'app_private_key_enc' },
  { table: 'gitlab_connection', column: 'webhook_token_enc' },
  { table: 'incident_source', column: 'secret_enc' },
  { table: 'notification_channel', column: 'secret_enc' },
  { table: 'rollout_source', column: 'secret_enc' },
] as const

export type SealedColumn = (typeof sealedColumns)[number]
