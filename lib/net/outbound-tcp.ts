import net from 'node:net'
import { OutboundTimeout } from '@/lib/net/outbound-http'
import { resolveOutbound, type OutboundPolicy, type OutboundTarget } from '@/lib/net/resolve-outbound'

// Opens a TCP connection to the judged address of `host` (normalised: normaliseHost) and closes it at once:
// whether something listens there, and nothing else.
export async function outboundTcpConnect(host: string, port: number, o: { policy: OutboundPolicy; timeoutMs: number }): Promise<OutboundTarget> {
  const started = Date.now()
  const target = await resolveOutbound(host, { lookupTimeoutMs: o.timeoutMs, ...o.policy })
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect({ host: target.address, port })
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new OutboundTimeout())
    }, Math.max(0, o.timeoutMs - (Date.now() - started)))
    socket.once('connect', () => {
      clearTimeout(timer)
      socket.destroy()
      resolve()
    })
    socket.once('error', (err) => {
      clearTimeout(timer)
      reject(err)
    })
  })
  return target
}
