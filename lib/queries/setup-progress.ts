import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

export type SetupProgress = { adminExists: boolean; teamWithToken: boolean; deploymentReceived: boolean }

// The first-steps checklist on the overview (components/setup/setup-checklist.tsx), for the whole
// organisation: an admin, a team holding a live API token, a first deployment.
export async function getSetupProgress(client: Queryable = pool()): Promise<SetupProgress> {
  const [row] = await queryRows<SetupProgress>(client, sql`
    SELECT EXISTS (SELECT 1 FROM auth_user WHERE role = 'admin') AS "adminExists",
           EXISTS (SELECT 1 FROM api_token WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())) AS "teamWithToken",
           EXISTS (SELECT 1 FROM deployment) AS "deploymentReceived"`)
  return row!
}
