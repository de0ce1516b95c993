// Debt: today's files that break an import boundary (eslint.config.mjs), each exempt from that one rule until
// it is fixed. Remove a file from its list when it stops crossing; never add one (docs/linting.md keeps the counts).

// UI files (pages, components) that import lib/queries or lib/db directly instead of a lib/dashboard view-model
// (issue 21, item 3: pages and components never import the pool or queries). 26 files.
export const uiImportsDataDebt = [
  'app/compliance/[slug]/page.tsx',
  'app/deployments/[id]/page.tsx',
  'app/deployments/page.tsx',
  'app/incidents/[id]/page.tsx',
  'app/incidents/page.tsx',
  'app/metrics/[metric]/page.tsx',
  'app/page.tsx',
  'app/reports/page.tsx',
  'app/services/[slug]/page.tsx',
  'app/services/page.tsx',
  'app/settings/audit/page.tsx',
  'app/settings/page.tsx',
  'app/sign-in/page.tsx',
  'app/strategies/page.tsx',
  'app/teams/[slug]/page.tsx',
  'app/teams/page.tsx',
  'components/compliance/findings-table.tsx',
  'components/metrics/activity-tables.tsx',
  'components/metrics/deployments-feed.tsx',
  'components/metrics/filter-bar.tsx',
  'components/metrics/metric-facts.tsx',
  'components/metrics/scope-dashboard.tsx',
  'components/metrics/scope-page.tsx',
  'components/settings/audit-log-table.tsx',
  'components/settings/github-connections.tsx',
  'components/setup/setup-checklist.tsx',
]

// Data-layer files that import the HTTP layer. 1 file: the SQL store of the HTTP rate limiter implements
// lib/http/rate-limit's store interface and result.
export const dataImportsHttpDebt = ['lib/queries/rate-limit-buckets.ts']
