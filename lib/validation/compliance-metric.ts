import { z } from 'zod'

// `compliance` in GET /api/v1/metrics, as answered (documents the response in the OpenAPI document; the
// API's integration test parses real answers with it, so the two cannot drift apart).
const score = z.number().min(0).max(100).nullable()
const severityCounts = {
  critical: z.number().int(), high: z.number().int(), medium: z.number().int(), low: z.number().int(),
  other: z.number().int().describe('unknown, negligible or no severity'),
}

export const complianceMetricDtoSchema = z.object({
  formulaVersion: z.string().describe('which S: v2 = geometric mean of the components a service has (docs/compliance.md)'),
  headline: score.describe('median S over the scope\'s services scanned in the window, each as of the window\'s end; null: no data (never 0 or 100)'),
  components: z.object({ c: score, v: score, p: score }).describe('medians of C (configuration), V (vulnerabilities), P (workload posture)'),
  coverage: z.object({
    services: z.number().int(), scanned: z.number().int(), broken: z.number().int(),
    config: z.number().int(), vulnerability: z.number().int(), posture: z.number().int(),
    unscanned: z.array(z.string()).describe('service slugs with no scan in the window'),
  }),
  series: z.array(z.object({ key: z.string(), s: score })).describe('per bucket: the median S as of the bucket\'s end'),
  previous: z.object({ headline: score, scanned: z.number().int() }),
  change: z.object({
    previous: score, absolute: z.number().nullable().describe('headline - previous headline, in points of S'), relative: z.number().nullable(),
    direction: z.enum(['better', 'worse', 'same']).nullable(), reason: z.string().nullable().describe('why there is no change figure'),
  }),
  runningInProduction: z.object({
    images: z.array(z.object({
      service: z.string(), team: z.string(),
      digest: z.string().describe('the image digest the latest successful production deployment\'s `version` names'),
      deployedAt: z.iso.datetime(),
      scannedAt: z.iso.datetime().nullable().describe('the image\'s latest (not broken) vulnerability scan; null: never scanned, unknown (not clean)'),
      status: z.enum(['vulnerable', 'clean', 'unscanned']),
      ...severityCounts,
      open: z.number().int(), fixable: z.number().int(),
    })).describe('worst first'),
    summary: z.object({
      running: z.number().int(), vulnerable: z.number().int(), clean: z.number().int(), unscanned: z.number().int(),
      withoutImage: z.array(z.string()).describe('services whose latest production deployment names no image digest (or that have none)'),
      findings: z.object({ ...severityCounts, open: z.number().int(), fixable: z.number().int() }).describe('over the scanned running images'),
    }),
  }).describe('now, whatever the window: the image each service runs in production and the findings of its latest scan'),
})
