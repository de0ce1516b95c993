// Each benchmark ends by printing its figures as one line, so the smoke runner (scripts/bench-smoke.ts,
// run by npm test) can tell a bench that still measures from one that quietly stopped printing a figure.
const MARK = 'bench figures:'

export function printFigures(bench: string, figures: Record<string, number>): void {
  console.log(`${MARK} ${JSON.stringify({ bench, figures })}`)
}

/** What is wrong with the figures `bench` printed in `stdout`: each expected one missing or not a finite number. */
export function figureProblems(stdout: string, bench: string, expected: string[]): string[] {
  const line = stdout.split('\n').reverse().find((l) => l.startsWith(`${MARK} `) && l.includes(`"bench":${JSON.stringify(bench)}`))
  if (!line) return [`${bench} printed no figures`]
  let figures: Record<string, unknown>
  try {
    figures = (JSON.parse(line.slice(MARK.length + 1)) as { figures: Record<string, unknown> }).figures ?? {}
  } catch {
    return [`${bench} printed figures that are not JSON: ${line.slice(0, 200)}`]
  }
  return expected.flatMap((name) => {
    if (!(name in figures)) return [`${bench}: figure ${name} missing`]
    const v = figures[name]
    return typeof v === 'number' && Number.isFinite(v) ? [] : [`${bench}: figure ${name} is ${JSON.stringify(v)}, not a finite number`]
  })
}
