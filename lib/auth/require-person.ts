import { AppError } from '@/lib/http/app-error'
import type { Principal, UserPrincipal } from '@/lib/auth/principal'

// Settings and hand-made incident changes are people's work: a token of the team (rule "maintain"
// lets it in for probes and SLOs) may not mint tokens or move services.
export function requirePerson(p: Principal): UserPrincipal {
  if (p.kind === 'user') return p
  throw new AppError('FORBIDDEN', 'Sign in to do this; API tokens cannot change settings.')
}
