import type { AuditWho } from '@/lib/settings/audit-who'

// A change made on the server with a command: the audit log names the command, not a person or token.
export const cliWho = (command: string): AuditWho => ({ actor: { role: 'cli' }, ip: null, userAgent: `npm run ${command}` })

// A password piped in (`--password-stdin`), so it never shows in the shell history or the process list.
export async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('password (then Enter and Ctrl-D): ')
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '')
}
