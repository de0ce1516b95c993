// How numbers read on cards, axes and tooltips: one place, so every page says "15 h" the same way.
// "42 s", "1 min 30 s", "25 min", "9 h 12 min", "2 d 3 h": two units at most, never a decimal of an hour.
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—'
  const sign = seconds < 0 ? '-' : ''
  const s = Math.round(Math.abs(seconds))
  if (s < 60) return `${sign}${s} s`
  if (s < 600) return sign + pair(Math.floor(s / 60), 'min', s % 60, 's')
  if (s < 3570) return `${sign}${Math.round(s / 60)} min`
  if (s < 86_370) {
    const minutes = Math.round(s / 60)
    return sign + pair(Math.floor(minutes / 60), 'h', minutes % 60, 'min')
  }
  const hours = Math.round(s / 3600)
  return sign + pair(Math.floor(hours / 24), 'd', hours % 24, 'h')
}

const pair = (big: number, bigUnit: string, small: number, smallUnit: string) => (small === 0 ? `${big} ${bigUnit}` : `${big} ${bigUnit} ${small} ${smallUnit}`)

// Counts with thousands separators ("4,199"), the same on the server and in the browser.
export function formatCount(n: number): string {
  return n.toLocaleString('en-US')
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

// A score out of its maximum, as "75.0 / 100": the compliance score S (0-100) and oscap's XCCDF scores,
// which oscap prints as "75.000000" of "100.000000".
export function formatScore(score: number | string | null | undefined, maximum: number | string = 100): string {
  const s = score === null || score === undefined || score === '' ? NaN : Number(score)
  if (!Number.isFinite(s)) return '—'
  const max = Number(maximum)
  return `${s.toFixed(1)} / ${Number.isFinite(max) ? formatCount(Math.round(max * 10) / 10) : '100'}`
}
