'use client'

import { useMutation } from '@tanstack/react-query'
import { useRouter } from 'next/navigation'

export type FieldError = { path: string; message: string }

// An API answer that was not 2xx, with the server's message and the fields it names.
export class ApiError extends Error {
  constructor(message: string, readonly status: number, readonly fields: FieldError[] = []) {
    super(message)
  }
}

// JSON to one of our routes; the browser's fetch sends the Origin the CSRF check wants.
export async function sendJson<T>(method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = await res.json().catch(() => null)
  if (!res.ok) throw new ApiError(json?.error?.message ?? `the server answered ${res.status}`, res.status, json?.error?.fields)
  return json.data as T
}

// A change whose result the server-rendered page shows: on success the page's data is fetched again
// (router.refresh) rather than kept in a client cache, so every table stays one query of the page.
export function useServerMutation<V, T>(mutationFn: (vars: V) => Promise<T>, onSuccess?: (data: T) => void) {
  const router = useRouter()
  return useMutation({
    mutationFn,
    onSuccess: (data) => {
      onSuccess?.(data)
      router.refresh()
    },
  })
}
