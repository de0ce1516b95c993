import type { Notice } from '@/lib/validation/notifications'

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const LABEL = { critical: 'CRITICAL', warning: 'Warning', info: 'Info' } as const

// An alert as an e-mail: the subject names severity and title; a plain-text part and the same in simple HTML.
export function formatEmail(n: Notice) {
  const subject = `[Plimsoll] ${n.severity === 'info' ? '' : `${LABEL[n.severity]}: `}${n.title}`.replace(/[\r\n]+/g, ' ')
  const text = [
    n.title, '', ...(n.summary ? [n.summary, ''] : []),
    ...n.fields.map((f) => `${f.label}: ${f.value || '—'}`), ...(n.fields.length ? [''] : []),
    ...n.links.map((l) => `${l.label}: ${l.url}`),
  ].join('\n').trimEnd()
  const row = (f: { label: string; value: string }) => `<tr><th align="left">${escapeHtml(f.label)}</th><td>${escapeHtml(f.value || '—')}</td></tr>`
  const html = [
    `<h2 style="margin:0 0 8px">${escapeHtml(n.title)}</h2>`,
    n.summary ? `<p style="white-space:pre-wrap">${escapeHtml(n.summary)}</p>` : '',
    n.fields.length ? `<table cellpadding="4">${n.fields.map(row).join('')}</table>` : '',
    n.links.length ? `<p>${n.links.map((l) => `<a href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a>`).join(' · ')}</p>` : '',
  ].join('\n')
  return { subject, text, html }
}
