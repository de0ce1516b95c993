'use client'

import { useState } from 'react'
import { THEME_COOKIE, THEMES, type Theme } from '@/lib/theme/theme'

const labels: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' }

// Sets the theme on <html> at once and in a cookie for the next server render.
export function ThemeToggle({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState<Theme>(initial)
  const choose = (next: Theme) => {
    setTheme(next)
    if (next === 'system') delete document.documentElement.dataset.theme
    else document.documentElement.dataset.theme = next
    document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`
  }
  return (
    <div className="theme-toggle" role="radiogroup" aria-label="Colour theme">
      {THEMES.map((t) => (
        <button key={t} type="button" role="radio" aria-checked={theme === t} onClick={() => choose(t)}>
          {labels[t]}
        </button>
      ))}
    </div>
  )
}
