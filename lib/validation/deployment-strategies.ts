// The ways a deployment can ship (issue 22), with no dependency so the bundled CLI can list them too.
// ab_test: two versions served side by side to split traffic, kept or dropped on a measured outcome.
export const deploymentStrategies = ['rolling', 'blue_green', 'canary', 'recreate', 'ab_test', 'other'] as const
export type DeploymentStrategyName = (typeof deploymentStrategies)[number]
