// How numbers read on cards, axes and tooltips: one place, so every page says "15 h" the same way.
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—'
  const abs = Math.abs(seconds)
  if (abs < 60) return `${Math.round(seconds)} s`
  if (abs < 3600) return `${round(seconds / 60)} min`
  if (abs < 86_400) return `${round(seconds / 3600)} h`
  return `${round(seconds / 86_400)} d`
}

export function formatPercent(ratio: number | null, digits = 1): string {
  return ratio === null ? '—' : `${(ratio * 100).toFixed(digits)}%`
}

// Deployments per day, or per week / month when that reads better.
export function formatFrequency(perDay: number | null): string {
  if (perDay === null) return '—'
  if (perDay >= 1) return `${round(perDay)} / day`
  if (perDay * 7 >= 1) return `${round(perDay * 7)} / week`
  return `${round(perDay * 30)} / month`
}

export function formatValue(value: number | null, unit: 'per_day' | 'seconds' | 'ratio', metric?: string): string {
  if (unit === 'seconds') return formatDuration(value)
  if (unit === 'per_day') return formatFrequency(value)
  return formatPercent(value, metric === 'availability' ? 3 : 1)
}

function round(n: number): string {
  return n >= 10 ? n.toFixed(0) : n.toFixed(1).replace(/\.0$/, '')
}
