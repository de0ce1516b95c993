import { z } from 'zod'
import { parseGitlabTime } from '@/lib/gitlab/gitlab-time'

// Only the fields Plimsoll reads of GitLab's webhook payloads (docs: user/project/integrations/webhook_events).
const time = z.string().transform((s, ctx) => {
  try {
    return parseGitlabTime(s)
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message })
    return z.NEVER
  }
})
const project = z.object({ path_with_namespace: z.string(), default_branch: z.string().nullish(), web_url: z.string().nullish() })
const user = z.object({ username: z.string().nullish() }).nullish()

export const projectOf = z.object({ project })

export const deploymentEvent = z.object({
  status: z.string(),
  status_changed_at: time,
  deployment_id: z.number().int(),
  deployable_url: z.string().nullish(),
  environment: z.string(),
  environment_tier: z.string().nullish(),
  environment_external_url: z.string().nullish(),
  commit_url: z.string(),
  user,
  project,
})

export const pushEvent = z.object({
  ref: z.string(),
  after: z.string(),
  project,
  commits: z.array(z.object({
    id: z.string(), message: z.string().nullish(), timestamp: time,
    added: z.array(z.string()).nullish(), modified: z.array(z.string()).nullish(), removed: z.array(z.string()).nullish(),
  })),
})

const label = z.object({ title: z.string() })
export const mergeRequestEvent = z.object({
  project,
  // who acted: the author on open, the approver on approval
  user: z.object({ id: z.number().int().nullish(), username: z.string().nullish() }).nullish(),
  object_attributes: z.object({
    iid: z.number().int(), action: z.string().nullish(), state: z.string(), created_at: time, updated_at: time,
    merge_commit_sha: z.string().nullish(), last_commit: z.object({ id: z.string() }).nullish(), target_branch: z.string(),
    author_id: z.number().int().nullish(), draft: z.boolean().nullish(), work_in_progress: z.boolean().nullish(),
    title: z.string().nullish(), url: z.string().nullish(), labels: z.array(label).nullish(),
  }),
  labels: z.array(label).nullish(),
  changes: z.object({ draft: z.object({ previous: z.boolean().nullish(), current: z.boolean().nullish() }).nullish() }).nullish(),
})
export type GitlabMergeRequestEvent = z.infer<typeof mergeRequestEvent>

export const pipelineEvent = z.object({
  project,
  user,
  object_attributes: z.object({
    id: z.number().int(), ref: z.string(), tag: z.boolean().nullish(), sha: z.string(), status: z.string(),
    created_at: time, finished_at: time.nullish(), url: z.string().nullish(),
  }),
})

export const issueEvent = z.object({
  project,
  labels: z.array(label).nullish(),
  object_attributes: z.object({
    iid: z.number().int(), title: z.string(), type: z.string().nullish(), issue_type: z.string().nullish(), action: z.string().nullish(),
    state: z.string(), created_at: time, updated_at: time, closed_at: time.nullish(), url: z.string().nullish(),
    severity: z.string().nullish(), labels: z.array(label).nullish(),
  }),
})
