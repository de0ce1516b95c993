import { openSecret } from '@/lib/crypto/secret-box'
import { secretKeyring } from '@/lib/crypto/app-keyring'
import { githubClient, type GitHubClient } from '@/lib/github/github-client'
import { enableConditionalRequests, type ConditionalStats } from '@/lib/github/conditional-requests'
import { getConnectionCredentials } from '@/lib/queries/github-connections'

export type ConnectionClient = { github: GitHubClient; conditional: ConditionalStats | null }

// An API client with the connection's own credentials (a token, or its GitHub App installation), or
// null when it has none (webhooks only). `etags`: conditional requests, for lists read again and again.
export async function connectionClient(connectionId: number, opts: { etags?: boolean; maxRateLimitRetries?: number } = {}): Promise<ConnectionClient | null> {
  const c = await getConnectionCredentials(connectionId)
  if (!c || (!c.apiTokenEnc && !c.app)) return null
  const key = secretKeyring()
  const github = githubClient({
    baseUrl: c.baseUrl, maxRateLimitRetries: opts.maxRateLimitRetries,
    ...(c.app
      ? { app: { appId: c.app.appId, installationId: c.app.installationId, privateKey: openSecret(c.app.privateKeyEnc, key) } }
      : { token: openSecret(c.apiTokenEnc!, key) }),
  })
  return { github, conditional: opts.etags ? enableConditionalRequests(github, connectionId) : null }
}
