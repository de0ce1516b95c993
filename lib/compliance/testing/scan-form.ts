import sql from 'sql-template-tag'
import { pool, queryRows } from '@/lib/db'
import { POST } from '@/app/api/v1/scans/route'

// POST /api/v1/scans as the CLI and `curl -F` send it: a multipart/form-data form (the report as the file
// part "file", the fields as form fields), through the route handler. Shared by the form upload tests.

export type FormPart = [name: string, value: string] | [name: string, file: Uint8Array | string, filename: string]

export function scanForm(parts: FormPart[]): FormData {
  const data = new FormData()
  for (const [name, value, filename] of parts) {
    if (filename === undefined) data.append(name, value as string)
    else data.append(name, new Blob([value as BlobPart]), filename)
  }
  return data
}

type Answer = { data: Record<string, any>; outcome: string; error?: { code: string; message: string; fields?: { path: string }[] } }

export async function sendScan(token: string, body: BodyInit, query: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const url = `http://localhost/api/v1/scans?${new URLSearchParams(query)}`
  const req = new Request(url, { method: 'POST', body, headers: { authorization: `Bearer ${token}`, ...headers }, duplex: 'half' } as RequestInit)
  const res = await POST(req, { params: Promise.resolve({}) })
  return { status: res.status, json: (await res.json()) as Answer }
}

export const countScans = async () => (await queryRows<{ n: number }>(pool(), sql`SELECT count(*)::int AS n FROM compliance_scan`))[0]!.n
