import type { JsonShapeLimits } from '@/lib/http/json-shape-guard'

// The limits of POST /api/v1/scans (docs/security.md, "Limits"), checked as the bytes arrive.

// on the wire and uncompressed
export const MAX_SCAN_BYTES = 100 * 1024 * 1024

// Trivy, Grype and SARIF reports nest about 10 levels; the largest real ones list a few thousand
// findings with a few dozen values each.
export const SCAN_JSON_LIMITS: JsonShapeLimits = { maxDepth: 64, maxItems: 50_000, maxValues: 2_000_000 }

// oscap's --results-arf files nest about 15 elements deep (Groups inside Groups inside the Benchmark
// inside the ARF report); a full SCAP Security Guide ARF holds about 66,000 elements.
export const SCAN_XML_LIMITS = { maxDepth: 256, maxElements: 500_000 }

// Each upload is parsed on a worker thread of its own with this heap (lib/compliance/parse-scan-in-worker.ts),
// at most SCAN_WORKERS at once.
export const SCAN_WORKER_HEAP_MB = 1536
export const SCAN_WORKERS = 2
