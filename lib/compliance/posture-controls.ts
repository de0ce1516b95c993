import type { Severity } from '@/lib/compliance/findings'

// The workload controls the talk names, and which scanner checks test each one. A check is named
// `<family>/<id>`: the family is the scanner and the kind of file or benchmark its ids belong to
// (Trivy's KSV ids for Kubernetes and Helm, DS for Dockerfiles; kube-bench's CIS Kubernetes Benchmark
// version, whose numbering changes between versions; Checkov's check type; KICS's platform).
// Checks in no control count under "other". Sources, per scanner:
//   Trivy: https://avd.aquasec.com/misconfig/kubernetes/ and /misconfig/dockerfile/ (the check pages;
//     ids as Trivy >= 0.50 prints them, KSV-0001; older reports print KSV001, normalised on parsing)
//   kube-bench: CIS Kubernetes Benchmark v1.5.1 and v1.6.0, section 5.2 (Pod Security Policies),
//     5.3.2 and 5.7.2 (test_desc of fixtures/posture/kube-bench/cis-1.6-all-targets.json)
//   Kubescape: https://hub.armosec.io/docs/controls (control ids C-00xx, names as in the reports)
//   Checkov: https://www.checkov.io/5.Policy%20Index/kubernetes.html and dockerfile.html
//   KICS: https://docs.kics.io/latest/queries/kubernetes-queries/ (query ids)

export const controlIds = [
  'non-root', 'no-privileged', 'no-privilege-escalation', 'capabilities-dropped', 'seccomp', 'selinux-apparmor',
  'read-only-root-fs', 'resource-limits', 'host-namespaces', 'network-policy', 'allowed-registry', 'other',
] as const
export type ControlId = (typeof controlIds)[number]

export type Control = { id: ControlId; title: string; severity: Severity; checks: string[] }

const trivy = (family: 'KSV' | 'DS', ...n: number[]) => n.map((i) => `trivy:${family}/${family}-${String(i).padStart(4, '0')}`)
// CIS 1.5 and 1.6 number section 5 the same way
const cis = (...ids: string[]) => ids.flatMap((id) => [`kube-bench:cis-1.5/${id}`, `kube-bench:cis-1.6/${id}`])
const kubescape = (...ids: string[]) => ids.map((id) => `kubescape/${id}`)
const checkov = (type: 'kubernetes' | 'dockerfile', ...ids: string[]) => ids.map((id) => `checkov:${type}/${id}`)
const kics = (...ids: string[]) => ids.map((id) => `kics:Kubernetes/${id}`)

export const CONTROLS: Control[] = [
  {
    id: 'non-root', title: 'Runs as non-root', severity: 'high',
    checks: [...trivy('KSV', 12, 105), ...trivy('DS', 2), ...cis('5.2.6'), ...kubescape('C-0013'),
      ...checkov('kubernetes', 'CKV_K8S_23'), ...checkov('dockerfile', 'CKV_DOCKER_3', 'CKV_DOCKER_8')],
  },
  {
    id: 'no-privileged', title: 'No privileged container', severity: 'critical',
    checks: [...trivy('KSV', 17), ...cis('5.2.1'), ...kubescape('C-0057'), ...checkov('kubernetes', 'CKV_K8S_16')],
  },
  {
    id: 'no-privilege-escalation', title: 'No privilege escalation', severity: 'high',
    checks: [...trivy('KSV', 1), ...cis('5.2.5'), ...kubescape('C-0016'), ...checkov('kubernetes', 'CKV_K8S_20')],
  },
  {
    id: 'capabilities-dropped', title: 'Capabilities dropped', severity: 'medium',
    checks: [...trivy('KSV', 3, 4, 5, 22, 106), ...cis('5.2.7', '5.2.8', '5.2.9'), ...kubescape('C-0046'),
      ...checkov('kubernetes', 'CKV_K8S_28', 'CKV_K8S_37', 'CKV_K8S_39'), ...kics('268ca686-7fb7-4ae9-b129-955a2a89064e')],
  },
  {
    id: 'seccomp', title: 'Seccomp profile set', severity: 'medium',
    checks: [...trivy('KSV', 30, 104), ...cis('5.7.2'), ...kubescape('C-0210'), ...checkov('kubernetes', 'CKV_K8S_31', 'CKV_K8S_32'),
      ...kics('f377b83e-bd07-4f48-a591-60c82b14a78b')],
  },
  {
    // Kubescape's "Linux hardening" passes when AppArmor, SELinux, seccomp or dropped capabilities are set
    id: 'selinux-apparmor', title: 'SELinux or AppArmor set', severity: 'medium',
    checks: [...trivy('KSV', 2, 25), ...kubescape('C-0055')],
  },
  {
    id: 'read-only-root-fs', title: 'Read-only root filesystem', severity: 'high',
    checks: [...trivy('KSV', 14), ...kubescape('C-0017'), ...checkov('kubernetes', 'CKV_K8S_22')],
  },
  {
    id: 'resource-limits', title: 'Resource limits and quotas', severity: 'medium',
    checks: [...trivy('KSV', 11, 15, 16, 18), ...kubescape('C-0004', 'C-0009', 'C-0050'),
      ...checkov('kubernetes', 'CKV_K8S_10', 'CKV_K8S_11', 'CKV_K8S_12', 'CKV_K8S_13'), ...kics('4ac0e2b7-d2d2-4af7-8799-e8de6721ccda')],
  },
  {
    id: 'host-namespaces', title: 'Host namespaces not shared', severity: 'high',
    checks: [...trivy('KSV', 8, 9, 10), ...cis('5.2.2', '5.2.3', '5.2.4'), ...kubescape('C-0038', 'C-0041'),
      ...checkov('kubernetes', 'CKV_K8S_17', 'CKV_K8S_18', 'CKV_K8S_19')],
  },
  {
    id: 'network-policy', title: 'Network policy present', severity: 'medium',
    checks: [...cis('5.3.2'), ...kubescape('C-0030', 'C-0260')],
  },
  {
    id: 'allowed-registry', title: 'Image from an allowed registry', severity: 'medium',
    checks: [...trivy('KSV', 32, 33, 34, 35), ...kubescape('C-0001', 'C-0078')],
  },
]

export const OTHER: Control = { id: 'other', title: 'Other checks', severity: 'medium', checks: [] }

const byCheck = new Map(CONTROLS.flatMap((c) => c.checks.map((k) => [k, c] as const)))
export const controlOf = (family: string, checkId: string): Control => byCheck.get(`${family}/${checkId}`) ?? OTHER
// a check of one of the talk's controls (not "other")
export const isMapped = (family: string, checkId: string) => byCheck.has(`${family}/${checkId}`)
export const controlById = (id: ControlId): Control => CONTROLS.find((c) => c.id === id) ?? OTHER

// the families a control has checks in: a run of that family on a workload checked the control
export const controlFamilies = (control: Control) => new Set(control.checks.map((k) => k.slice(0, k.lastIndexOf('/'))))

// KSV001 and KSV-0001 are the same check: Trivy renamed its ids in 0.50
export function normalizeTrivyId(id: string): string {
  const m = /^([A-Z]+)-?0*(\d+)$/.exec(id.trim().toUpperCase())
  return m ? `${m[1]}-${m[2]!.padStart(4, '0')}` : id.trim()
}
export const trivyFamily = (id: string) => `trivy:${/^[A-Z]+/.exec(id)?.[0] ?? 'other'}`
