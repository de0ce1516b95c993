// Rewrites lint/long-line-debt.mjs from the tracked files: `node lint/refresh-long-line-debt.mjs` only lowers
// (a file that wrapped lines gets its smaller number, a file at 0 leaves the list) and lists the files over their
// number, exiting 1 if there are any. `--accept-current` records every file's count as it is now: only for work
// written before the rule existed (the day it came in), never to let new long lines through.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { longLineDebt } from './long-line-debt.mjs'

const MAX = 160
const accept = process.argv.includes('--accept-current')
const files = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' })
  .split('\0')
  .filter((f) => /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(f) && fs.existsSync(f))
const next = {}
const over = []
for (const file of files.sort()) {
  const count = fs.readFileSync(file, 'utf8').split('\n').filter((line) => line.length > MAX).length
  const allowed = longLineDebt[file] ?? 0
  if (count > allowed && !accept) over.push(`${file}: ${count} lines over ${MAX}, allowed ${allowed}`)
  const kept = accept ? count : Math.min(count, allowed)
  if (kept > 0) next[file] = kept
}
const entries = Object.entries(next)
const total = entries.reduce((sum, [, n]) => sum + n, 0)
const header = fs.readFileSync(new URL('./long-line-debt.mjs', import.meta.url), 'utf8').split('export const')[0]
const body = entries.map(([file, n]) => `  '${file}': ${n},`).join('\n')
const text = header.replace(/\d+ files, \d+ lines (now|at the start)/, `${entries.length} files, ${total} lines now`)
fs.writeFileSync(new URL('./long-line-debt.mjs', import.meta.url), `${text}export const longLineDebt = {\n${body}\n}\n`)
console.log(`lint/long-line-debt.mjs: ${entries.length} files, ${total} lines`)
if (over.length) {
  console.error(`over their number (wrap these lines):\n${over.join('\n')}`)
  process.exit(1)
}
