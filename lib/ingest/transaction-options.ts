// Under a burst, requests queue for a pooled connection; wait rather than fail fast. A request that
// still cannot get one is answered 503 (retryable), never 500.
export const TX_OPTIONS = { maxWait: 10_000, timeout: 20_000 } as const
