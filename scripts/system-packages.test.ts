import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SYSTEM_PACKAGES, type Env, aptCommands, ensureSystemPackages, installLine, missingPackages, type Host, type Probe } from './system-packages'

const ALL_COMMANDS = ['chromium', 'pdftotext', 'pdftoppm', 'oscap', 'apt-get']

// a machine where `commands` are on PATH and `files` exist
function probe(commands: string[], files: string[]): Probe {
  return { hasCommand: (c) => commands.includes(c), exists: (f) => files.includes(f) }
}
// Chromium and its font, the files a machine with a browser has
const BROWSER = ['/usr/bin/chromium', '/usr/share/fonts/truetype/liberation']
const everyFile = SYSTEM_PACKAGES.flatMap((p) => p.files?.({}) ?? [])

function host(over: Partial<Host> & { commands?: string[]; files?: string[] }): Host & { ran: string[][]; logged: string[] } {
  const ran: string[][] = []
  const logged: string[] = []
  return {
    env: {},
    probe: probe(over.commands ?? ALL_COMMANDS, over.files ?? everyFile),
    isRoot: false,
    run: (argv) => (ran.push(argv), 0),
    log: (m) => logged.push(m),
    ...over,
    ran,
    logged,
  }
}

describe('missingPackages', () => {
  it('finds nothing missing on a machine with everything', () => {
    expect(missingPackages({}, probe(ALL_COMMANDS, everyFile))).toEqual([])
  })

  it('names each package whose command or file is absent', () => {
    const names = (commands: string[], files: string[], env: Env = {}) => missingPackages(env, probe(commands, files)).map((p) => p.name)
    expect(names(['pdftotext', 'oscap'], everyFile)).toEqual(['poppler-utils']) // pdftoppm alone missing is enough
    expect(names(ALL_COMMANDS, everyFile.filter((f) => f !== '/usr/bin/chromium'))).toEqual(['chromium'])
    expect(names(['pdftotext', 'pdftoppm'], BROWSER)).toEqual(['openscap-scanner', 'ssg-debian', 'ssg-base'])
    expect(names([], [])).toEqual(['chromium', 'fonts-liberation', 'poppler-utils', 'openscap-scanner', 'ssg-debian', 'ssg-base'])
  })

  it('looks for Chromium where Playwright will launch it (CHROMIUM_PATH)', () => {
    const env = { CHROMIUM_PATH: '/opt/chromium/chrome' }
    expect(missingPackages(env, probe(ALL_COMMANDS, everyFile)).map((p) => p.name)).toEqual(['chromium'])
    expect(missingPackages(env, probe(ALL_COMMANDS, [...everyFile, '/opt/chromium/chrome']))).toEqual([])
  })

  it('does not ask for OpenSCAP when the suite is told to skip it', () => {
    expect(missingPackages({ PLIMSOLL_SKIP_OSCAP: '1' }, probe(['pdftotext', 'pdftoppm'], BROWSER))).toEqual([])
  })
})

describe('the install commands', () => {
  it('update, then install only what is missing without recommended extras', () => {
    expect(aptCommands(['chromium', 'ssg-base'])).toEqual([
      ['apt-get', 'update'],
      ['apt-get', 'install', '-y', '--no-install-recommends', 'chromium', 'ssg-base'],
    ])
    expect(installLine(['poppler-utils'], true)).toBe('apt-get update && apt-get install -y --no-install-recommends poppler-utils')
    expect(installLine(['poppler-utils'], false)).toBe('sudo apt-get update && sudo apt-get install -y --no-install-recommends poppler-utils')
  })
})

describe('ensureSystemPackages', () => {
  it('does nothing when all is there', () => {
    const h = host({ isRoot: true })
    expect(ensureSystemPackages(h)).toEqual({ ok: true, installed: [] })
    expect(h.ran).toEqual([])
  })

  it('as root with apt-get: installs the missing ones, then checks again', () => {
    const present = ['apt-get', 'chromium']
    const h = host({ isRoot: true, commands: present, files: BROWSER })
    // the injected runner "installs": after apt-get install the commands and files are there
    h.run = (argv) => {
      h.ran.push(argv)
      if (argv[1] === 'install') {
        present.push('pdftotext', 'pdftoppm', 'oscap')
        h.probe = probe(present, everyFile)
      }
      return 0
    }
    expect(ensureSystemPackages(h)).toEqual({ ok: true, installed: ['poppler-utils', 'openscap-scanner', 'ssg-debian', 'ssg-base'] })
    expect(h.ran).toEqual(aptCommands(['poppler-utils', 'openscap-scanner', 'ssg-debian', 'ssg-base']))
  })

  it('as a user without root: stops at once with the sudo command and runs nothing', () => {
    const h = host({ isRoot: false, commands: ['apt-get', 'oscap'], files: everyFile })
    const r = ensureSystemPackages(h)
    expect(h.ran).toEqual([])
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.message).toContain('sudo apt-get update && sudo apt-get install -y --no-install-recommends poppler-utils')
    expect(r.message).toContain('pdftotext')
  })

  it('stops when apt-get fails or the package still is not there', () => {
    const failing = host({ isRoot: true, commands: ['apt-get'], files: everyFile, run: () => 100 })
    const r1 = ensureSystemPackages(failing)
    expect(r1.ok === false && r1.message).toMatch(/`apt-get update` failed/)
    const noop = host({ isRoot: true, commands: ['apt-get'], files: everyFile, run: () => 0 })
    const r2 = ensureSystemPackages(noop)
    expect(r2.ok === false && r2.message).toMatch(/Still missing after apt-get install: poppler-utils, openscap-scanner/)
  })

  it('as root without apt-get: stops with the Debian package names', () => {
    const r = ensureSystemPackages(host({ isRoot: true, commands: ['oscap'], files: everyFile }))
    expect(r.ok === false && r.message).toMatch(/no apt-get here[\s\S]*apt-get install -y --no-install-recommends poppler-utils/)
  })
})

describe('one list', () => {
  it('the README test section names every package, and .ci/run installs none itself', () => {
    const readme = fs.readFileSync('README.md', 'utf8')
    for (const p of SYSTEM_PACKAGES) expect(readme, `README lacks ${p.name}`).toContain(`\`${p.name}\``)
    const ci = fs.readFileSync('.ci/run', 'utf8')
    expect(ci).not.toMatch(/apt(-get)? (update|install)|dnf |yum /)
    expect(ci).toMatch(/^npm test$/m)
  })
})
