// A deployment strategy as a reader says it: blue_green → "blue/green", ab_test → "A/B test".
const labels: Record<string, string> = { blue_green: 'blue/green', ab_test: 'A/B test' }

export function strategyLabel(strategy: string): string {
  return labels[strategy] ?? strategy.replaceAll('_', ' ')
}
