import { createAppAuth } from '@octokit/auth-app'
import { Octokit } from '@octokit/core'
import { paginateRest } from '@octokit/plugin-paginate-rest'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { logger } from '@/lib/logger'

const GitHub = Octokit.plugin(paginateRest, throttling, retry)
export type GitHubClient = InstanceType<typeof GitHub>

// A GitHub App installation: the client mints (and renews) installation tokens itself.
export type GitHubAppCredentials = { appId: number; installationId: number; privateKey: string }

// A REST client that waits out primary and secondary rate limits (up to `maxRateLimitRetries` times
// per request) and retries server errors; baseUrl for GitHub Enterprise Server (https://host/api/v3).
// Authenticates with a token, or as a GitHub App installation.
export function githubClient(opts: { token?: string; app?: GitHubAppCredentials; baseUrl?: string; maxRateLimitRetries?: number }): GitHubClient {
  const retries = opts.maxRateLimitRetries ?? 3
  const auth = opts.app
    ? { authStrategy: createAppAuth, auth: { appId: opts.app.appId, privateKey: opts.app.privateKey, installationId: opts.app.installationId } }
    : { auth: opts.token }
  return new GitHub({
    ...auth,
    baseUrl: opts.baseUrl ?? 'https://api.github.com',
    userAgent: 'plimsoll',
    throttle: {
      onRateLimit: (retryAfter, options, _octokit, retryCount) => {
        logger.warn({ retryAfter, url: options.url, retryCount }, 'GitHub rate limit: waiting')
        return retryCount < retries
      },
      onSecondaryRateLimit: (retryAfter, options, _octokit, retryCount) => {
        logger.warn({ retryAfter, url: options.url, retryCount }, 'GitHub secondary rate limit: waiting')
        return retryCount < retries
      },
    },
  })
}
