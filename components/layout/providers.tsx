'use client'

import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { useState } from 'react'

// One React Query client per browser session (per request on the server), for the parts of pages
// that refresh themselves.
export function Providers({ children }: { children: React.ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, retry: 2 } } }))
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>
}
