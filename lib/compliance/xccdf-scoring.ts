import { f32, formatCFloat } from '@/lib/compliance/c-float'

// The four XCCDF scoring models exactly as oscap 1.3 computes them (src/XCCDF/result_scoring.c):
// C float arithmetic in document order, weights from the Benchmark's Rules and Groups (not from
// rule-result@weight), recursion over the Group tree. See docs/compliance.md.

export type XccdfResult = 'pass' | 'fail' | 'error' | 'unknown' | 'notapplicable' | 'notchecked' | 'notselected' | 'informational' | 'fixed'

export type BenchmarkNode =
  | { kind: 'rule'; id: string; weight: number }
  | { kind: 'group'; id: string; weight: number; children: BenchmarkNode[] }

export type RuleOutcome = { result: XccdfResult; role: string }

export const scoringModels = ['default', 'flat', 'flat-unweighted', 'absolute'] as const
export type ScoringModel = (typeof scoringModels)[number]
export const modelUrn = (model: ScoringModel) => `urn:xccdf:scoring:${model}`

// value and maximum as oscap prints them ("%f"), plus the float values
export type ModelScore = { score: string; maximum: string; value: number; max: number }
export type XccdfScores = Record<ScoringModel, ModelScore>

const EXCLUDED = new Set<XccdfResult>(['notselected', 'notapplicable', 'informational', 'notchecked'])

// null: the rule contributes nothing (no result, role unscored, or a result that is not scored)
function scoredOutcome(rule: { id: string }, results: ReadonlyMap<string, RuleOutcome>): boolean | null {
  const outcome = results.get(rule.id)
  if (!outcome || outcome.role === 'unscored' || EXCLUDED.has(outcome.result)) return null
  return outcome.result === 'pass' || outcome.result === 'fixed'
}

type Node = { score: number; weight: number; count: number }

function defaultNode(item: BenchmarkNode, results: ReadonlyMap<string, RuleOutcome>): Node | null {
  if (item.kind === 'rule') {
    const passed = scoredOutcome(item, results)
    return passed === null ? null : { score: passed ? 100 : 0, weight: 0, count: 1 }
  }
  let score = 0
  let acc = 0
  let count = 0
  for (const child of item.children) {
    const c = defaultNode(child, results)
    if (!c || c.count === 0) continue
    score = f32(score + f32(c.score * child.weight))
    acc = f32(acc + child.weight)
    count++
  }
  if (count !== 0 && acc !== 0) score = f32(score / acc)
  return { score, weight: acc, count }
}

function flatNode(item: BenchmarkNode, results: ReadonlyMap<string, RuleOutcome>, unweighted: boolean): Node | null {
  if (item.kind === 'rule') {
    const passed = scoredOutcome(item, results)
    if (passed === null) return null
    const weight = unweighted ? 1 : item.weight
    return { score: passed ? weight : 0, weight, count: 1 }
  }
  let score = 0
  let weight = 0
  let count = 0
  for (const child of item.children) {
    const c = flatNode(child, results, unweighted)
    if (!c || c.weight === 0) continue
    score = f32(score + c.score)
    weight = f32(weight + c.weight)
    count++
  }
  return { score, weight, count }
}

const model = (value: number, max: number): ModelScore => ({ value, max, score: formatCFloat(value), maximum: formatCFloat(max) })

export function computeXccdfScores(benchmark: BenchmarkNode, results: ReadonlyMap<string, RuleOutcome>): XccdfScores {
  const d = defaultNode(benchmark, results) ?? { score: 0, weight: 0, count: 0 }
  const flat = flatNode(benchmark, results, false) ?? { score: 0, weight: 0, count: 0 }
  const unweighted = flatNode(benchmark, results, true) ?? { score: 0, weight: 0, count: 0 }
  return {
    default: model(d.score, 100),
    flat: model(flat.score, flat.weight),
    'flat-unweighted': model(unweighted.score, unweighted.weight),
    // oscap writes the flat maximum as the absolute model's maximum; nothing scored is a vacuous 1/0
    absolute: model(flat.score === flat.weight ? 1 : 0, flat.weight),
  }
}
