import { SaxesParser, type SaxesTagNS } from 'saxes'
import { AppError } from '@/lib/http/app-error'
import { parseCFloat } from '@/lib/compliance/c-float'
import { SCAN_XML_LIMITS } from '@/lib/compliance/scan-limits'
import type { BenchmarkNode, RuleOutcome, ScoringModel, XccdfResult } from '@/lib/compliance/xccdf-scoring'

// Streams an oscap `--results` file (Benchmark + TestResult) or `--results-arf` file through saxes and
// keeps only what scoring and the UI need: the Benchmark's Group/Rule tree, the TestResult's
// rule-results and <score> elements. Nothing else of the document is held in memory.

export const XCCDF_NS = 'http://checklists.nist.gov/xccdf/1.2'
export const ARF_NS = 'http://scap.nist.gov/schema/asset-reporting-format/1.1'
const XCCDF_11_NS = 'http://checklists.nist.gov/xccdf/1.1'
const OVAL_RESULTS_NS_PREFIX = 'http://oval.mitre.org/XMLSchema/oval-results-5'
const OVAL_ONLY = 'This is an OVAL results file (`oscap oval eval --results`): it holds definitions found true or false but no '
  + 'XCCDF rules, weights or profile, so it cannot be scored. Upload the XCCDF results of the same content instead: '
  + '`oscap xccdf eval --profile <profile> --results xccdf-results.xml <data stream>` (or `--results-arf arf.xml`).'
const CCE_SYSTEMS = /cce/i
const RESULTS = new Set<string>(['pass', 'fail', 'error', 'unknown', 'notapplicable', 'notchecked', 'notselected', 'informational', 'fixed'])

export type RuleInfo = { id: string; title: string; severity: string; idents: string[] }
export type RuleResult = RuleOutcome & { idref: string; severity: string; idents: string[] }
export type FileScore = { score: string; maximum: string }

export type XccdfReport = {
  format: 'xccdf' | 'arf'
  benchmark: { id: string; tree: BenchmarkNode }
  rules: Map<string, RuleInfo>
  testResult: {
    id: string
    benchmarkId: string | null
    contentVersion: string | null
    profileId: string | null
    startTime: string | null
    endTime: string | null
    testSystem: string | null
    target: string | null
    scannerVersion: string | null
  }
  results: Map<string, RuleResult>
  fileScores: Partial<Record<ScoringModel, FileScore>>
}

type Frame =
  | { kind: 'group'; node: Extract<BenchmarkNode, { kind: 'group' }>; benchmark: boolean }
  | { kind: 'rule'; info: RuleInfo }
  | { kind: 'testresult' }
  | { kind: 'rule-result'; result: Partial<RuleResult> & { idref: string } }
  | { kind: 'other' }

type TextSink = { depth: number; done: (text: string) => void; parts: string[] }

const invalid = (message: string) => new AppError('VALIDATION_FAILED', message)

export class XccdfStreamParser {
  private readonly parser = new SaxesParser({ xmlns: true })
  private readonly stack: Frame[] = []
  private readonly benchmarks = new Map<string, BenchmarkNode & { kind: 'group' }>()
  private readonly rules = new Map<string, RuleInfo>()
  private readonly results = new Map<string, RuleResult>()
  private readonly fileScores: XccdfReport['fileScores'] = {}
  private testResult: XccdfReport['testResult'] | null = null
  private testResults = 0
  private elements = 0
  private format: 'xccdf' | 'arf' | null = null
  private sink: TextSink | null = null

  constructor() {
    const p = this.parser
    // DTDs are where entity expansion (billion laughs) and external entities live: refuse any.
    p.on('doctype', () => {
      throw invalid('XML with a DOCTYPE (DTD or entity declarations) is refused.')
    })
    p.on('opentag', (tag) => this.open(tag))
    p.on('closetag', () => this.close())
    p.on('text', (t) => this.sink?.parts.push(t))
    p.on('cdata', (t) => this.sink?.parts.push(t))
  }

  write(chunk: string): void {
    this.parser.write(chunk)
  }

  finish(): XccdfReport {
    this.parser.close()
    if (!this.testResult) throw invalid('The XCCDF document holds no TestResult: upload the file written by `oscap xccdf eval --results` or `--results-arf`.')
    const wanted = this.testResult.benchmarkId
    const benchmark = (wanted ? this.benchmarks.get(wanted) : undefined) ?? this.benchmarks.values().next().value
    if (!benchmark) throw invalid('The XCCDF document holds no Benchmark, which scoring needs (oscap writes it into --results and --results-arf files).')
    return {
      format: this.format!,
      benchmark: { id: benchmark.id, tree: benchmark },
      rules: this.rules,
      testResult: this.testResult,
      results: this.results,
      fileScores: this.fileScores,
    }
  }

  private open(tag: SaxesTagNS): void {
    const depth = this.stack.length
    // Checked before saxes goes deeper: 50,000 nested <Group>s in 1.3 MB held the server 89 s (issue 18).
    if (depth >= SCAN_XML_LIMITS.maxDepth) throw invalid(`The XML nests elements deeper than ${SCAN_XML_LIMITS.maxDepth} levels.`)
    if (++this.elements > SCAN_XML_LIMITS.maxElements) throw invalid(`The XML holds more than ${SCAN_XML_LIMITS.maxElements} elements.`)
    if (depth === 0) this.checkRoot(tag)
    const attr = (name: string) => tag.attributes[name]?.value
    const parent = this.stack[depth - 1]
    const xccdf = tag.uri === XCCDF_NS
    let frame: Frame = { kind: 'other' }
    if (xccdf && tag.local === 'Benchmark') {
      const node = { kind: 'group' as const, id: attr('id') ?? '', weight: parseCFloat(attr('weight')), children: [] }
      this.benchmarks.set(node.id, node)
      frame = { kind: 'group', node, benchmark: true }
    } else if (xccdf && parent?.kind === 'group' && (tag.local === 'Group' || tag.local === 'Rule')) {
      const id = attr('id') ?? ''
      if (tag.local === 'Group') {
        const node = { kind: 'group' as const, id, weight: parseCFloat(attr('weight')), children: [] }
        parent.node.children.push(node)
        frame = { kind: 'group', node, benchmark: false }
      } else {
        parent.node.children.push({ kind: 'rule', id, weight: parseCFloat(attr('weight')) })
        const info: RuleInfo = { id, title: '', severity: attr('severity') ?? 'unknown', idents: [] }
        this.rules.set(id, info)
        frame = { kind: 'rule', info }
      }
    } else if (xccdf && tag.local === 'TestResult') {
      if (++this.testResults > 1) throw invalid('The document holds more than one TestResult; upload one scan per request.')
      this.testResult = {
        id: attr('id') ?? '',
        benchmarkId: null,
        contentVersion: attr('version') ?? null,
        profileId: null,
        startTime: attr('start-time') ?? null,
        endTime: attr('end-time') ?? null,
        testSystem: attr('test-system') ?? null,
        target: null,
        scannerVersion: null,
      }
      frame = { kind: 'testresult' }
    } else if (xccdf && parent?.kind === 'testresult') {
      frame = this.openInTestResult(tag, attr)
    } else if (xccdf && parent?.kind === 'rule') {
      if (tag.local === 'title') this.collect((t) => (parent.info.title = t.trim()))
      if (tag.local === 'ident' && CCE_SYSTEMS.test(attr('system') ?? '')) this.collect((t) => parent.info.idents.push(t.trim()))
    } else if (xccdf && parent?.kind === 'rule-result') {
      const r = parent.result
      if (tag.local === 'result') this.collect((t) => (r.result = t.trim() as XccdfResult))
      if (tag.local === 'ident' && CCE_SYSTEMS.test(attr('system') ?? '')) this.collect((t) => (r.idents ??= []).push(t.trim()))
    } else if (xccdf && tag.local === 'fact' && attr('name') === 'urn:xccdf:fact:scanner:version' && this.testResult) {
      const tr = this.testResult
      this.collect((t) => (tr.scannerVersion = t.trim()))
    }
    this.stack.push(frame)
  }

  private openInTestResult(tag: SaxesTagNS, attr: (name: string) => string | undefined): Frame {
    const tr = this.testResult!
    switch (tag.local) {
      case 'benchmark':
        tr.benchmarkId = attr('id') ?? null
        break
      case 'profile':
        tr.profileId = attr('idref') ?? null
        break
      case 'target':
        this.collect((t) => (tr.target = t.trim()))
        break
      case 'rule-result':
        return { kind: 'rule-result', result: { idref: attr('idref') ?? '', role: attr('role') ?? 'full', severity: attr('severity') ?? 'unknown' } }
      case 'score': {
        const system = attr('system') ?? 'urn:xccdf:scoring:default'
        const model = system.startsWith('urn:xccdf:scoring:') ? (system.slice('urn:xccdf:scoring:'.length) as ScoringModel) : null
        const maximum = attr('maximum') ?? '100.000000'
        if (model) this.collect((t) => (this.fileScores[model] = { score: t.trim(), maximum }))
        break
      }
    }
    return { kind: 'other' }
  }

  private close(): void {
    const frame = this.stack.pop()
    if (this.sink && this.sink.depth === this.stack.length) {
      this.sink.done(this.sink.parts.join(''))
      this.sink = null
    }
    if (frame?.kind === 'rule-result') {
      const r = frame.result
      if (!r.result || !RESULTS.has(r.result)) throw invalid(`rule-result "${r.idref}" has no valid <result> (got "${r.result ?? ''}").`)
      this.results.set(r.idref, { idref: r.idref, result: r.result, role: r.role ?? 'full', severity: r.severity ?? 'unknown', idents: r.idents ?? [] })
    }
  }

  private collect(done: (text: string) => void): void {
    this.sink = { depth: this.stack.length, done, parts: [] }
  }

  private checkRoot(tag: SaxesTagNS): void {
    if (tag.uri === ARF_NS && tag.local === 'asset-report-collection') this.format = 'arf'
    else if (tag.uri === XCCDF_NS && tag.local === 'Benchmark') this.format = 'xccdf'
    else if (tag.uri === XCCDF_11_NS) throw invalid('XCCDF 1.1 is not supported; oscap writes XCCDF 1.2 results (`oscap xccdf eval --results`).')
    // `oscap oval eval --results` output: definitions true/false, no rules, weights or profile to score
    else if (tag.local === 'oval_results' && tag.uri.startsWith(OVAL_RESULTS_NS_PREFIX)) throw invalid(OVAL_ONLY)
    else throw invalid(`Unexpected XML root element <${tag.name}>${tag.uri ? ` in namespace ${tag.uri}` : ''}: expected an XCCDF 1.2 <Benchmark> (--results) or an ARF <asset-report-collection> (--results-arf).`)
  }
}
