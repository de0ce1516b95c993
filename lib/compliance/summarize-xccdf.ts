import { computeXccdfScores, scoringModels, type ScoringModel, type XccdfScores } from '@/lib/compliance/xccdf-scoring'
import type { FileScore, XccdfReport } from '@/lib/compliance/parse-xccdf'

export type FailedRule = { ruleId: string; title: string; severity: string; result: string; idents: string[] }

export type XccdfSummary = {
  scores: XccdfScores
  fileScores: Partial<Record<ScoringModel, FileScore>>
  // models whose <score> in the file differs from the recomputed one (value or maximum, as printed)
  mismatches: ScoringModel[]
  counts: Record<string, number>
  scoredRules: number
  failedRules: FailedRule[]
  // flat (score, maximum): oscap's own when the file carries it, else the recomputed one
  flat: { score: number; maximum: number }
}

const SCORED = new Set(['pass', 'fixed', 'fail', 'error', 'unknown'])
const FAILED = new Set(['fail', 'error', 'unknown'])

// Everything the compliance score and the UI need from one XCCDF TestResult.
export function summarizeXccdf(report: XccdfReport): XccdfSummary {
  const scores = computeXccdfScores(report.benchmark.tree, report.results)
  const mismatches = scoringModels.filter((m) => {
    const f = report.fileScores[m]
    return f !== undefined && (f.score !== scores[m].score || f.maximum !== scores[m].maximum)
  })
  const counts: Record<string, number> = {}
  const failedRules: FailedRule[] = []
  let scoredRules = 0
  for (const r of report.results.values()) {
    const scored = r.role !== 'unscored' && SCORED.has(r.result)
    const result = r.role === 'unscored' && SCORED.has(r.result) ? 'informational' : r.result
    counts[result] = (counts[result] ?? 0) + 1
    if (!scored) continue
    scoredRules++
    if (!FAILED.has(r.result)) continue
    const rule = report.rules.get(r.idref)
    failedRules.push({
      ruleId: r.idref,
      title: rule?.title || r.idref,
      severity: r.severity !== 'unknown' ? r.severity : (rule?.severity ?? 'unknown'),
      result: r.result,
      idents: [...new Set([...(rule?.idents ?? []), ...r.idents])],
    })
  }
  const file = report.fileScores.flat
  const flat = file ? { score: Number(file.score), maximum: Number(file.maximum) } : { score: scores.flat.value, maximum: scores.flat.max }
  return { scores, fileScores: report.fileScores, mismatches, counts, scoredRules, failedRules, flat }
}
