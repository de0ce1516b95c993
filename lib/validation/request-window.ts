import { z } from 'zod'
import { isoDateTime, slugSchema } from '@/lib/validation/common'

const MINUTE = 60_000
// bounds before anything is stored: a window of at most 31 days, counts a 64-bit column and a JS number hold exactly
const MAX_WINDOW_MS = 31 * 86_400_000
const MAX_COUNT = 1e15
// a window may end a little after the server's now (clock skew), never in the future beyond it
const SKEW_MS = 5 * MINUTE

const wholeMinute = (d: Date) => d.getTime() % MINUTE === 0
const count = z.number().int('must be a whole number').min(0).max(MAX_COUNT)

// POST /api/v1/availability with "indicator": "requests": good and total requests of a window of whole minutes.
export const requestWindowSchema = z.strictObject({
  service: slugSchema,
  indicator: z.literal('requests').describe('Marks a window of request counts (without it the body is one probe result).'),
  from: isoDateTime.refine(wholeMinute, 'must be on a whole minute (seconds 0)').describe('Start of the window (inclusive), on a whole minute.'),
  to: isoDateTime.refine(wholeMinute, 'must be on a whole minute (seconds 0)').describe('End of the window (exclusive), at least one minute after from.'),
  good: count.describe('Requests served well in the window.'),
  total: count.describe('All requests in the window; 0 is a window with no traffic, counted neither way.'),
}).superRefine((b, ctx) => {
  // one message a field: the checks below only judge values that passed their own
  const length = b.to.getTime() - b.from.getTime()
  if (!wholeMinute(b.from) || !wholeMinute(b.to)) { /* already named */ } else if (b.to.getTime() > Date.now() + SKEW_MS) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be in the future' })
  } else if (length < MINUTE) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be at least one minute after from' })
  } else if (length > MAX_WINDOW_MS) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be at most 31 days after from' })
  }
  if (count.safeParse(b.total).success && b.good > b.total) ctx.addIssue({ code: 'custom', path: ['good'], message: 'must not be more than total' })
})
export type RequestWindowBody = z.infer<typeof requestWindowSchema>

// A body naming an indicator is a window of request counts (a wrong one is a 422 on "indicator"); anything
// else is read as one probe result.
export const isRequestWindowBody = (value: unknown) => typeof value === 'object' && value !== null && 'indicator' in value
