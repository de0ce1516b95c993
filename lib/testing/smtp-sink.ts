import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

export type Mail = { from: string; to: string; subject: string; text: string; header: (name: string) => string | undefined }

// Enough of RFC 5322 for Plimsoll's own messages: unfolded headers, and the body with quoted-printable soft breaks
// and escapes undone. A full MIME parser (mailparser) would be one more dependency for what tests read here.
export function readMail(raw: string): Mail {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/)
  const lines = head!.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)
  const headers = new Map(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()] as const))
  const body = rest.join('\n\n').replace(/=\r?\n/g, '')
  const bytes = Buffer.from(body.replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1')
  // RFC 2047 encoded words (nodemailer encodes a subject with quotes): =?UTF-8?Q?...?=, adjacent ones joined
  const words = (v: string) =>
    v.replace(/\?=\s+=\?/g, '?==?').replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_m, q: string) =>
      Buffer.from(q.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
    )
  const header = (name: string) => (headers.has(name) ? words(headers.get(name)!) : undefined)
  const text = bytes.toString('utf8').replace(/\r\n/g, '\n')
  return { from: header('from') ?? '', to: header('to') ?? '', subject: header('subject') ?? '', text, header }
}

// A local SMTP server on 127.0.0.1 (the npm smtp-server package) keeping every message it accepts, standing in
// for a team's mail relay; plain SMTP, so a channel reaches it with security 'none' and 127.0.0.1 allow-listed.
export async function startSmtpSink() {
  const mails: Mail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        mails.push(readMail(Buffer.concat(chunks).toString('latin1')))
        callback()
      })
    },
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.server.address() as AddressInfo).port
  return { port, mails, stop: () => new Promise<void>((r) => server.close(() => r())) }
}
