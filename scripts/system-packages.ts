// The Debian packages the test suite needs besides Node.js, in one place: `npm test` checks them before
// any step (scripts/test.ts), installs the missing ones when it runs as root with apt-get, and otherwise
// stops with the command to run. .ci/run relies on this instead of installing anything itself; the
// README's test section lists the same packages (system-packages.test.ts holds both to this list).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

export type Env = Record<string, string | undefined>

export type SystemPackage = {
  name: string
  // what in the suite needs it (printed with the command, and listed in the README)
  usedBy: string
  // present when every command is on PATH and every file exists
  commands?: string[]
  files?: (env: Env) => string[]
  // the suite can be told to do without it
  optionalWhen?: (env: Env) => boolean
}

const SSG_CONTENT = '/usr/share/xml/scap/ssg/content/ssg-debian11-ds.xml'
const withoutOscap = (env: Env) => env.PLIMSOLL_SKIP_OSCAP === '1'

export const SYSTEM_PACKAGES: SystemPackage[] = [
  {
    name: 'chromium',
    usedBy: 'the end-to-end tests and bench:ui (Playwright launches Debian\'s Chromium, CHROMIUM_PATH or /usr/bin/chromium)',
    files: (env) => [env.CHROMIUM_PATH || '/usr/bin/chromium'],
  },
  {
    // chromium only recommends a font; --no-install-recommends would leave pages and screenshots without one
    name: 'fonts-liberation',
    usedBy: 'the font Chromium draws the pages with in the end-to-end tests and screenshots',
    files: () => ['/usr/share/fonts/truetype/liberation'],
  },
  {
    name: 'poppler-utils',
    usedBy: 'the report tests read each PDF back (pdftotext) and render its pages (pdftoppm)',
    commands: ['pdftotext', 'pdftoppm'],
  },
  {
    name: 'openscap-scanner',
    usedBy: 'lib/compliance/real-oscap.integration.test.ts runs the real `oscap xccdf eval` (PLIMSOLL_SKIP_OSCAP=1 skips it)',
    commands: ['oscap'],
    optionalWhen: withoutOscap,
  },
  {
    name: 'ssg-debian',
    usedBy: `the SCAP Security Guide content oscap evaluates in that test (${SSG_CONTENT})`,
    files: () => [SSG_CONTENT],
    optionalWhen: withoutOscap,
  },
  {
    name: 'ssg-base',
    usedBy: 'the SCAP Security Guide files ssg-debian builds on',
    files: () => ['/usr/share/scap-security-guide'],
    optionalWhen: withoutOscap,
  },
]

export type Probe = { hasCommand: (name: string) => boolean; exists: (file: string) => boolean }

export function hostProbe(env: Env): Probe {
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean)
  const executable = (file: string) => {
    try {
      fs.accessSync(file, fs.constants.X_OK)
      return fs.statSync(file).isFile()
    } catch {
      return false
    }
  }
  return { hasCommand: (name) => dirs.some((dir) => executable(path.join(dir, name))), exists: (file) => fs.existsSync(file) }
}

export function missingPackages(env: Env, probe: Probe, packages = SYSTEM_PACKAGES): SystemPackage[] {
  return packages.filter((p) => !p.optionalWhen?.(env))
    .filter((p) => !(p.commands ?? []).every(probe.hasCommand) || !(p.files?.(env) ?? []).every(probe.exists))
}

// The commands, one argv each, that install `names` with apt (non-interactive, no recommended extras).
export function aptCommands(names: string[]): string[][] {
  return [['apt-get', 'update'], ['apt-get', 'install', '-y', '--no-install-recommends', ...names]]
}

// The same as one line a person can paste (with sudo when they are not root).
export function installLine(names: string[], asRoot: boolean): string {
  const sudo = asRoot ? '' : 'sudo '
  return aptCommands(names).map((argv) => sudo + argv.join(' ')).join(' && ')
}

export type Host = {
  env: Env
  probe: Probe
  isRoot: boolean
  // runs one command with its output shown; resolves to its exit code
  run: (argv: string[]) => number
  log: (message: string) => void
}

export function realHost(env: Env = { ...process.env }): Host {
  return {
    env,
    probe: hostProbe(env),
    isRoot: process.getuid?.() === 0,
    run: ([cmd, ...args]) => spawnSync(cmd!, args, { stdio: 'inherit', env: { ...process.env, ...env, DEBIAN_FRONTEND: 'noninteractive' } }).status ?? 1,
    log: (message) => console.log(message),
  }
}

export type Outcome = { ok: true; installed: string[] } | { ok: false; message: string }

/** Installs what is missing where it can (root with apt-get); otherwise says exactly what to run. */
export function ensureSystemPackages(host: Host): Outcome {
  const missing = missingPackages(host.env, host.probe)
  if (missing.length === 0) return { ok: true, installed: [] }
  const names = missing.map((p) => p.name)
  const why = missing.map((p) => `  - ${p.name}: ${p.usedBy}`).join('\n')
  const command = installLine(names, host.isRoot)
  const stop = (reason: string): Outcome => ({ ok: false, message: `${reason}\n${why}\nRun:\n  ${command}\nthen npm test again.` })
  if (!host.isRoot) return stop('The test suite needs system packages that are missing, and installing them needs root:')
  if (!host.probe.hasCommand('apt-get')) return stop('The test suite needs these Debian packages (no apt-get here: install their equivalents):')
  host.log(`[test] installing missing system packages: ${names.join(' ')}`)
  for (const argv of aptCommands(names)) {
    if (host.run(argv) !== 0) return stop(`\`${argv.join(' ')}\` failed; the test suite needs:`)
  }
  const still = missingPackages(host.env, host.probe).map((p) => p.name)
  if (still.length) return stop(`Still missing after apt-get install: ${still.join(', ')}. The test suite needs:`)
  return { ok: true, installed: names }
}
