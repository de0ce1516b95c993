import type { PostureCheck } from '@/lib/compliance/posture'

// Plimsoll's posture rules over a Dockerfile and a docker-compose service, as the scanners' checks see
// them: the Dockerfile as Trivy's DS checks do, the compose service's fields as Trivy's KSV checks read
// the same settings of a Kubernetes container (user = runAsUser, privileged, no-new-privileges =
// allowPrivilegeEscalation false, cap_drop = capabilities.drop, read_only = readOnlyRootFilesystem,
// security_opt seccomp/apparmor/label, mem_limit/cpus = resources.limits, ipc/network/pid: host = the
// host namespaces). The checks carry Trivy's ids, so the control table maps them (issue 23 item 7).

export type Instruction = { name: string; args: string }

// Dockerfile instructions of the last stage (the image that runs): continuation lines joined, comments dropped.
export function finalStage(text: string): Instruction[] {
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
  const all = lines.map((l) => {
    const [name, ...rest] = l.split(/\s+/)
    return { name: name!.toUpperCase(), args: rest.join(' ') }
  })
  return all.slice(all.map((i) => i.name).lastIndexOf('FROM'))
}

const isRoot = (user: unknown) => user == null || /^(root|0)$/.test(String(user).split(':')[0]!.trim())

export function dockerfileChecks(workload: string, text: string): PostureCheck[] {
  const user = finalStage(text).filter((i) => i.name === 'USER').at(-1)?.args
  return [{ workload, family: 'trivy:DS', checkId: 'DS-0002', title: "Image user should not be 'root'", severity: 'high', status: isRoot(user) ? 'fail' : 'pass' }]
}

type ComposeService = Record<string, unknown>
const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : [])

export function composeChecks(workload: string, s: ComposeService): PostureCheck[] {
  const opts = list(s.security_opt)
  const check = (id: number, title: string, ok: boolean): PostureCheck => ({
    workload, family: 'trivy:KSV', checkId: `KSV-${String(id).padStart(4, '0')}`, title, severity: null, status: ok ? 'pass' : 'fail',
  })
  const limits = ((s.deploy as { resources?: { limits?: Record<string, unknown> } } | undefined)?.resources?.limits) ?? {}
  return [
    check(12, 'Runs as root user', !isRoot(s.user)),
    check(17, 'Privileged container', s.privileged !== true),
    check(1, 'Can elevate its own privileges', opts.some((o) => /^no-new-privileges(:true)?$/.test(o))),
    check(3, 'Default capabilities not dropped', list(s.cap_drop).includes('ALL') && list(s.cap_add).length === 0),
    check(104, 'Seccomp policies disabled', !opts.includes('seccomp:unconfined') && !opts.includes('seccomp=unconfined')),
    check(2, 'AppArmor policies disabled', !opts.some((o) => /^(apparmor[:=]unconfined|label[:=]disable)$/.test(o))),
    check(14, 'Root file system is not read-only', s.read_only === true),
    check(18, 'Memory not limited', s.mem_limit != null || limits.memory != null),
    check(11, 'CPU not limited', s.cpus != null || limits.cpus != null),
    check(8, 'Access to host IPC namespace', s.ipc !== 'host'),
    check(9, 'Access to host network', s.network_mode !== 'host'),
    check(10, 'Access to host PID', s.pid !== 'host'),
  ]
}
