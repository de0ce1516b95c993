import { parseBody } from '@/lib/validation/zod-fields'
import { validationError } from '@/lib/errors/app-error'
import { deploymentBodySchema } from '@/lib/validation/deployments'
import { devlakeDeploymentSchema, fromLegacyDevlake, isDevlakeBody } from '@/lib/validation/devlake'
import { fromDevlakeBody, fromNativeBody, type DeploymentInput } from '@/lib/ingest/deployment-input'

// POST /api/v1/deployments takes our own body or DevLake's webhook body; the keys tell them apart.
export function parseDeploymentRequest(value: unknown, receivedAt: Date, serviceOverride?: string): { inputs: DeploymentInput[]; shape: 'native' | 'devlake' } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw validationError([{ path: '', message: 'body must be a JSON object' }])
  }
  if (isDevlakeBody(value)) {
    const body = parseBody(devlakeDeploymentSchema, fromLegacyDevlake(value))
    return { inputs: fromDevlakeBody(body, serviceOverride), shape: 'devlake' }
  }
  return { inputs: [fromNativeBody(parseBody(deploymentBodySchema, value), receivedAt)], shape: 'native' }
}
