import { randomUUID } from 'node:crypto'
import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

export type Role = 'admin' | 'maintainer' | 'viewer'
export const ROLES: Role[] = ['admin', 'maintainer', 'viewer']
export const DEMO_VIEWER_EMAIL = 'demo-viewer@plimsoll.local'

export type UserAccess = { userId: string; email: string; name: string; role: Role; teamIds: number[] }

export async function getUserAccess(userId: string, client: Queryable = pool()): Promise<UserAccess | null> {
  const rows = await queryRows<UserAccess>(client, sql`
    SELECT u.id AS "userId", u.email, u.name, u.role::text AS role,
           COALESCE(array_agg(m.team_id ORDER BY m.team_id) FILTER (WHERE m.team_id IS NOT NULL), '{}') AS "teamIds"
    FROM auth_user u LEFT JOIN team_member m ON m.user_id = u.id
    WHERE u.id = ${userId}
    GROUP BY u.id`)
  return rows[0] ?? null
}

export type UserRow = UserAccess & { createdAt: Date; signInMethods: string[]; lastSignInAt: Date | null }

export async function listUsers(client: Queryable = pool()): Promise<UserRow[]> {
  return queryRows<UserRow>(client, sql`
    SELECT u.id AS "userId", u.email, u.name, u.role::text AS role, u.created_at AS "createdAt",
           COALESCE((SELECT array_agg(m.team_id ORDER BY m.team_id) FROM team_member m WHERE m.user_id = u.id), '{}') AS "teamIds",
           COALESCE((SELECT array_agg(DISTINCT a.provider_id) FROM auth_account a WHERE a.user_id = u.id), '{}') AS "signInMethods",
           (SELECT max(s.created_at) FROM auth_session s WHERE s.user_id = u.id) AS "lastSignInAt"
    FROM auth_user u
    ORDER BY u.email`)
}

export async function setUserRoleAndTeams(client: Queryable, userId: string, role: Role, teamIds: number[]): Promise<void> {
  await client.query(sql`UPDATE auth_user SET role = ${role}::"UserRole", updated_at = now() WHERE id = ${userId}`)
  await client.query(sql`DELETE FROM team_member WHERE user_id = ${userId} AND NOT (team_id = ANY(${teamIds}::int[]))`)
  await client.query(sql`
    INSERT INTO team_member (user_id, team_id) SELECT ${userId}, unnest(${teamIds}::int[])
    ON CONFLICT DO NOTHING`)
}

export async function countAdmins(client: Queryable = pool()): Promise<number> {
  const rows = await queryRows<{ n: number }>(client, sql`SELECT count(*)::int AS n FROM auth_user WHERE role = 'admin'`)
  return rows[0]!.n
}

// Locks every admin's row (in id order, so concurrent callers queue instead of deadlocking) and returns
// their ids: two admins demoting or removing each other at once cannot leave the install without one.
export async function lockAdmins(tx: Queryable): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(tx, sql`SELECT id FROM auth_user WHERE role = 'admin' ORDER BY id FOR UPDATE`)
  return rows.map((r) => r.id)
}

// Deletes a person; their sessions, sign-in accounts and team memberships go with them (ON DELETE CASCADE),
// so a browser still holding their cookie is signed out on its next request.
export async function deleteUser(tx: Queryable, userId: string): Promise<{ email: string; role: Role } | null> {
  const rows = await queryRows<{ email: string; role: Role }>(tx, sql`DELETE FROM auth_user WHERE id = ${userId} RETURNING email, role::text AS role`)
  return rows[0] ?? null
}

// The read-only person demo visitors are signed in as (no password, no sign-in method of its own).
export async function ensureDemoViewer(client: Queryable): Promise<void> {
  await client.query(sql`
    INSERT INTO auth_user (id, name, email, email_verified, role)
    VALUES (${randomUUID()}, 'Demo viewer', ${DEMO_VIEWER_EMAIL}, true, 'viewer')
    ON CONFLICT (email) DO NOTHING`)
}
