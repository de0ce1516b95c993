// Where the filter bar goes when one filter changes: the form's values with every default left out, so
// a URL carries only what was chosen. Pure, shared by the filter bar and its table tests.

export type FilterDefaults = { range: string; granularity: string; tz: string; benchmark: string; annotations: string }

// values: the form's fields as they stand after the change; changed: the field the reader touched.
export function filterHref(action: string, values: Record<string, string>, changed: string, defaults: FilterDefaults): string {
  const v = { ...values }
  // picking a date makes the range custom; another range forgets the dates
  if (changed === 'from' || changed === 'to') v.range = 'custom'
  if (v.range !== 'custom') { delete v.from; delete v.to }
  // the bucket size follows the range unless the reader chose one for this range
  if (changed === 'range' || changed === 'from' || changed === 'to') delete v.granularity
  if (v.granularity?.startsWith('rolling-')) {
    v.rolling = v.granularity.slice('rolling-'.length)
    delete v.granularity
  } else delete v.rolling
  const qs = new URLSearchParams()
  for (const [k, value] of Object.entries(v)) {
    if (!value || value === (defaults as Record<string, string>)[k]) continue
    qs.set(k, value)
  }
  const s = qs.toString()
  return s ? `${action}?${s}` : action
}
