// Calls a route handler as the API would be called with a bearer token and a JSON body; the answer's status and JSON.
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>
export type RouteJson = { data: any; outcome?: string; error?: { code: string; message: string; fields?: { path: string; message: string }[] } }

export async function callRoute(token: string, handler: Handler, method: string, path: string, body?: unknown) {
  const res = await handler(new Request(`http://localhost${path}`, {
    method, body: body === undefined ? undefined : JSON.stringify(body), headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  }), { params: Promise.resolve({}) })
  return { status: res.status, json: (await res.json()) as RouteJson }
}
