// The colour theme: the system's (no attribute on <html>) or one chosen with the toggle, kept in a
// cookie so the server renders the page in it and nothing flashes.
export const THEMES = ['system', 'light', 'dark'] as const
export type Theme = (typeof THEMES)[number]
export const THEME_COOKIE = 'plimsoll-theme'

export function parseTheme(value: string | undefined): Theme {
  return THEMES.find((t) => t === value) ?? 'system'
}
