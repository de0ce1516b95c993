import { describe, expect, it } from 'vitest'
import { safeNextPath } from '@/lib/auth/safe-next-path'

// Every spelling a browser may read as another site must come back as "/"; plain paths survive.
describe('safeNextPath', () => {
  const offSite = [
    '//evil.example/x',
    '/\t/evil.example/x',
    '/\n/evil.example/x',
    '/\r/evil.example/x',
    '/\r\n/evil.example/x',
    '\t//evil.example',
    '/\\evil.example',
    '/\\/evil.example',
    '\\\\evil.example',
    '/\t\\evil.example',
    'https://evil.example/',
    'http:evil.example',
    'javascript:alert(1)',
    ' //evil.example',
    '//user:pass@evil.example',
  ]
  it.each(offSite)('refuses %j', (next) => {
    expect(safeNextPath(next)).toBe('/')
  })

  it.each([
    ['/', '/'],
    ['/services?team=core#top', '/services?team=core#top'],
    ['/settings/audit', '/settings/audit'],
    // a still-encoded tab is a path segment, not a host, and stays encoded
    ['/%09/evil.example/x', '/%09/evil.example/x'],
    ['/a b', '/a%20b'],
    // a NUL is not a host separator: it is encoded and stays in the path
    ['/\u0000/evil.example', '/%00/evil.example'],
    ['/x/../y', '/y'],
  ])('keeps %j as %j', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected)
  })

  it.each([null, undefined, '', 'services', '/api/auth/demo-sign-in?next=//evil.example', '/\t/api/auth/sign-out'])('sends %j home', (next) => {
    expect(safeNextPath(next)).toBe('/')
  })

  it('never returns a control character that could break a Location header', () => {
    for (const c of ['\n', '\r', '\t', '\u0000', '\u001f', '\u007f']) {
      expect(safeNextPath(`/a${c}b`)).not.toMatch(/[\u0000-\u001f\u007f]/)
    }
  })
})
