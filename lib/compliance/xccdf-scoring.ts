import { f32, formatCFloat } from '@/lib/compliance/c-float'

// The four XCCDF scoring models exactly as oscap 1.3 computes them (src/XCCDF/result_scoring.c):
// C float arithmetic in document order, weights from the Benchmark's Rules and Groups (not from
// rule-result@weight), a post-order walk of the Group tree. See docs/compliance.md.

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
type Group = Extract<BenchmarkNode, { kind: 'group' }>
type Child = { item: BenchmarkNode; node: Node | null }

// Post-order over the Group tree with a stack of its own, not recursion: the depth comes from the
// uploaded file (5,000 nested Groups overflowed the call stack, issue 18). Each group sees its
// children's values in document order, as oscap's recursion does, so the float sums are the same.
function foldTree(root: BenchmarkNode, rule: (r: BenchmarkNode) => Node | null, group: (children: Child[]) => Node): Node | null {
  if (root.kind === 'rule') return rule(root)
  const stack: { group: Group; next: number; children: Child[] }[] = [{ group: root, next: 0, children: [] }]
  for (;;) {
    const top = stack[stack.length - 1]!
    const item = top.group.children[top.next++]
    if (item?.kind === 'group') {
      stack.push({ group: item, next: 0, children: [] })
    } else if (item) {
      top.children.push({ item, node: rule(item) })
    } else {
      stack.pop()
      const node = group(top.children)
      const parent = stack[stack.length - 1]
      if (!parent) return node
      parent.children.push({ item: top.group, node })
    }
  }
}

function defaultNode(root: BenchmarkNode, results: ReadonlyMap<string, RuleOutcome>): Node | null {
  const rule = (item: BenchmarkNode): Node | null => {
    const passed = scoredOutcome(item, results)
    return passed === null ? null : { score: passed ? 100 : 0, weight: 0, count: 1 }
  }
  return foldTree(root, rule, (children) => {
    let score = 0
    let acc = 0
    let count = 0
    for (const { item, node: c } of children) {
      if (!c || c.count === 0) continue
      score = f32(score + f32(c.score * item.weight))
      acc = f32(acc + item.weight)
      count++
    }
    if (count !== 0 && acc !== 0) score = f32(score / acc)
    return { score, weight: acc, count }
  })
}

function flatNode(root: BenchmarkNode, results: ReadonlyMap<string, RuleOutcome>, unweighted: boolean): Node | null {
  const rule = (item: BenchmarkNode): Node | null => {
    const passed = scoredOutcome(item, results)
    if (passed === null) return null
    const weight = unweighted ? 1 : item.weight
    return { score: passed ? weight : 0, weight, count: 1 }
  }
  return foldTree(root, rule, (children) => {
    let score = 0
    let weight = 0
    let count = 0
    for (const { node: c } of children) {
      if (!c || c.weight === 0) continue
      score = f32(score + c.score)
      weight = f32(weight + c.weight)
      count++
    }
    return { score, weight, count }
  })
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
