import { POST } from '@/app/api/v1/scans/route'

// POST /api/v1/scans through the route handler, as an ingest token's caller
export async function uploadScan(token: string, body: Uint8Array | string, query: Record<string, string>, headers: Record<string, string> = {}) {
  const url = `http://localhost/api/v1/scans?${new URLSearchParams(query)}`
  const res = await POST(new Request(url, { method: 'POST', body: body as BodyInit, headers: { authorization: `Bearer ${token}`, ...headers } }), { params: Promise.resolve({}) })
  return { status: res.status, json: (await res.json()) as { data: Record<string, any>; outcome: string; error?: { code: string; message: string } } }
}
