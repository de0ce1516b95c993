import fs from 'node:fs'
import path from 'node:path'

// A `trivy k8s --format json` report of about `bytes`, built from the vendor's documentation example
// (lib/compliance/fixtures/posture/trivy/k8s-cluster.docs-example.json): its Deployment's vulnerability
// and misconfiguration results repeated for numbered Deployments across namespaces, as a large cluster's
// report lists one entry per resource.
export function makeLargeTrivyK8s(file: string, bytes: number): void {
  const example = JSON.parse(fs.readFileSync(path.resolve('lib/compliance/fixtures/posture/trivy/k8s-cluster.docs-example.json'), 'utf8'))
  const vuln = example.Vulnerabilities[0]
  const misconf = example.Misconfigurations[0]
  const fd = fs.openSync(file, 'w')
  const write = (s: string) => fs.writeSync(fd, s)
  write(`{"ClusterName":"bench","Vulnerabilities":[`)
  let written = 0
  let i = 0
  const entries: string[] = []
  // half the bytes each way
  while (written < bytes / 2) {
    const s = JSON.stringify({ ...vuln, Namespace: `ns-${i % 50}`, Name: `app-${i}` })
    entries.push(s)
    written += s.length + 1
    i++
  }
  write(entries.join(','))
  write(`],"Misconfigurations":[`)
  const mis: string[] = []
  for (let j = 0; j < i; j++) mis.push(JSON.stringify({ ...misconf, Namespace: `ns-${j % 50}`, Name: `app-${j}` }))
  write(mis.join(','))
  write(']}\n')
  fs.closeSync(fd)
}
