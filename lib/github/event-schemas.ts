import { z } from 'zod'

// The parts of GitHub's webhook payloads Plimsoll reads (everything else is ignored, not refused).
const repository = z.object({ full_name: z.string(), html_url: z.string(), default_branch: z.string().optional() })
const user = z.object({ login: z.string() }).nullable().optional()
const time = z.iso.datetime({ offset: true })

const deployment = z.object({
  id: z.number(),
  sha: z.string(),
  ref: z.string().optional(),
  environment: z.string(),
  created_at: time,
  creator: user,
  production_environment: z.boolean().optional(),
  // what the deployer attached: an object or a JSON string; `strategy` in it is read (issue 22)
  payload: z.unknown().optional(),
})

export const deploymentEvent = z.object({ action: z.string(), deployment, repository })
export const deploymentStatusEvent = z.object({
  action: z.string(),
  deployment_status: z.object({ state: z.string(), created_at: time, environment: z.string().optional(), target_url: z.string().nullable().optional(), log_url: z.string().nullable().optional() }),
  deployment,
  repository,
})

export const pushEvent = z.object({
  ref: z.string(),
  after: z.string(),
  deleted: z.boolean().optional(),
  repository,
  commits: z.array(z.object({ id: z.string(), message: z.string().optional(), timestamp: time, added: z.array(z.string()).optional(), removed: z.array(z.string()).optional(), modified: z.array(z.string()).optional() })),
  head_commit: z.object({ id: z.string(), timestamp: time }).nullable().optional(),
})

const pullRequest = z.object({
  number: z.number(), created_at: time, updated_at: time.optional(), closed_at: time.nullable().optional(),
  merged: z.boolean().nullable().optional(), merged_at: time.nullish(), merge_commit_sha: z.string().nullish(),
  html_url: z.string().optional(), title: z.string().optional(), draft: z.boolean().optional(),
  user: z.object({ login: z.string(), type: z.string().optional() }).nullable().optional(),
  additions: z.number().int().optional(), deletions: z.number().int().optional(), changed_files: z.number().int().optional(),
  labels: z.array(z.object({ name: z.string() })).optional(),
})
export type GithubPullRequest = z.infer<typeof pullRequest>

export const pullRequestEvent = z.object({ action: z.string(), pull_request: pullRequest, repository })

export const pullRequestReviewEvent = z.object({
  action: z.string(),
  review: z.object({
    state: z.string(), submitted_at: time.nullable().optional(), user: z.object({ login: z.string(), type: z.string().optional() }).nullable().optional(),
  }),
  pull_request: pullRequest,
  repository,
})

export const issuesEvent = z.object({
  action: z.string(),
  issue: z.object({
    number: z.number(), title: z.string(), body: z.string().nullable().optional(), html_url: z.string(),
    state: z.string().optional(), created_at: time, closed_at: time.nullable().optional(), labels: z.array(z.object({ name: z.string() })).optional(),
  }),
  label: z.object({ name: z.string() }).optional(),
  repository,
})

export const workflowRunEvent = z.object({
  action: z.string(),
  workflow_run: z.object({
    id: z.number(), name: z.string().nullable().optional(), path: z.string().optional(), head_sha: z.string(), head_branch: z.string().nullable().optional(),
    status: z.string().nullable().optional(), conclusion: z.string().nullable(), run_started_at: time.nullable().optional(), updated_at: time, html_url: z.string(),
  }),
  repository,
})

export const repositoryOf = z.object({ repository: z.object({ full_name: z.string() }) })
