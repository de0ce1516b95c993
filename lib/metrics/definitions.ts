// The plain-words definition returned with every metric (and written out in docs/metrics.md).
export const definitions = {
  deploymentFrequency:
    'Successful deployments to the scoped production environments that finished in the window. Per day and per week divide by the window length; deployment days are distinct local days (in the chosen time zone) with at least one. Level from deployments per day: elite >= 1, high >= 1/7, medium >= 1/30 (DORA 2023).',
  leadTime:
    'For every change (commit) whose first successful deployment to a scoped environment finished in the window: that deployment\'s finish time minus the commit time (else the author time). Median is the headline (percentile_cont). Changes deployed before their commit time are excluded and counted as a data-quality warning; changes without any time are counted apart. A change counts once per environment, however often it was redeployed.',
  changeFailureRate:
    'Change failures / finished (success or failure) deployments to scoped production environments in the window. A deployment is a change failure when it failed, was rolled back (the next deployment of the service and environment is flagged rollback or redeploys a version that was live earlier), or an incident is linked to it: named by the incident (deployment or commit sha), else it is the last successful deployment of the service and environment within the service\'s attribution window (default 72 h) before the incident opened.',
  timeToRestore:
    'Incidents of the scoped services (in a scoped environment or none recorded) resolved in the window: resolved minus opened. Mean is the M in MTTR; the level uses the median. Incidents still open at the end of the window are listed with their age.',
  failedDeploymentRecoveryTime:
    'For each change failure in the window: from its finish time to the earlier of its linked incident\'s resolution and the next successful deployment of the same service and environment (DORA 2024). Failures with neither yet are counted as unrecovered.',
  reworkRate:
    'Unplanned deployments / finished deployments to scoped production environments in the window. Unplanned: flagged hotfix, a rollback (flagged, or redeploying a version that was live earlier), or recorded as the fix of an incident (DORA 2024 deployment rework rate).',
  availability:
    'Per service: 1 - downtime / monitored time in the window: only observed time, from its first probe (or the check\'s creation), or the whole window for a service that records outage incidents; up to now when the window reaches the future. A service with neither is no data, left out of the mean and listed in withoutData. Downtime is the union of outage incidents\' open intervals and probe-down intervals (from a check\'s first failing sample to its next passing one), clipped to the window, so overlapping outages count once. The scope\'s value is the mean over its services with data. Error budget: (1 - SLO target) x monitored time, minus downtime.',
} as const

export type MetricName = keyof typeof definitions

// How a metric is named on cards, page titles and reports.
export const metricTitles: Record<MetricName, string> = {
  deploymentFrequency: 'Deployment frequency',
  leadTime: 'Lead time for changes',
  changeFailureRate: 'Change failure rate',
  timeToRestore: 'Time to restore',
  failedDeploymentRecoveryTime: 'Failed deployment recovery',
  reworkRate: 'Rework rate',
  availability: 'Availability',
}
export const metricNames = Object.keys(definitions) as MetricName[]
