'use client'

import { ApiError } from '@/components/hooks/use-server-mutation'

// What a failed change says, read out by screen readers; fields the server named are listed.
export function MutationError({ error }: { error: Error | null }) {
  if (!error) return null
  const fields = error instanceof ApiError ? error.fields : []
  return (
    <p role="alert" className="status-failure small">
      {fields.length ? fields.map((f) => `${f.path || 'request'}: ${f.message}`).join('; ') : error.message}
    </p>
  )
}
