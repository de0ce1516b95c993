import { z } from 'zod'
import { externalIdSchema, isoDateTime, urlSchema } from '@/lib/validation/common'

// The body Apache DevLake's webhook plugin takes for deployments (camelCase API since DevLake PR #7545),
// so a DevLake user can switch by changing the URL.
const devlakeCommitSchema = z.object({
  repoUrl: urlSchema,
  commitSha: z.string().trim().toLowerCase().regex(/^[0-9a-f]{7,64}$/, 'must be a hexadecimal commit sha'),
  refName: z.string().max(500).optional(),
  commitMsg: z.string().max(20_000).optional(),
  displayTitle: z.string().max(500).optional(),
  name: z.string().max(500).optional(),
  startedDate: isoDateTime.optional(),
  finishedDate: isoDateTime.optional(),
})

export const devlakeDeploymentSchema = z.object({
  id: externalIdSchema,
  displayTitle: z.string().max(500).optional(),
  name: z.string().max(500).optional(),
  url: urlSchema.optional(),
  result: z.enum(['SUCCESS', 'FAILURE', 'ABORT', 'MANUAL']).default('SUCCESS'),
  environment: z.enum(['PRODUCTION', 'STAGING', 'TESTING', 'DEVELOPMENT']).default('PRODUCTION'),
  originalEnvironment: z.string().trim().max(100).optional(),
  createdDate: isoDateTime.optional(),
  startedDate: isoDateTime,
  finishedDate: isoDateTime,
  deploymentCommits: z.array(devlakeCommitSchema).min(1, 'must list at least one commit').max(1_000),
})
export type DevlakeDeployment = z.infer<typeof devlakeDeploymentSchema>

// DevLake's snake_case body from before 2024-05 (pipeline_id, start_time, deployment_commits[] ...).
const legacyKeys: Record<string, string> = {
  pipeline_id: 'id',
  display_title: 'displayTitle',
  original_environment: 'originalEnvironment',
  create_time: 'createdDate',
  start_time: 'startedDate',
  end_time: 'finishedDate',
  deployment_commits: 'deploymentCommits',
  repo_url: 'repoUrl',
  commit_sha: 'commitSha',
  ref_name: 'refName',
  commit_msg: 'commitMsg',
}

export function isDevlakeBody(body: unknown): body is Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false
  return ['deploymentCommits', 'deployment_commits', 'startedDate', 'start_time', 'pipeline_id'].some((k) => k in body)
}

export function fromLegacyDevlake(body: Record<string, unknown>): Record<string, unknown> {
  const renamed = renameKeys(body)
  if (!('deploymentCommits' in renamed) && renamed.commitSha && renamed.repoUrl) {
    renamed.deploymentCommits = [{ repoUrl: renamed.repoUrl, commitSha: renamed.commitSha, refName: renamed.refName, commitMsg: renamed.commitMsg }]
  }
  if (Array.isArray(renamed.deploymentCommits)) {
    renamed.deploymentCommits = renamed.deploymentCommits.map((c) => (c && typeof c === 'object' ? renameKeys(c as Record<string, unknown>) : c))
  }
  return renamed
}

function renameKeys(obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [legacyKeys[k] ?? k, v]))
}
