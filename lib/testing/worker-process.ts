import { spawn } from 'node:child_process'

export type WorkerProcess = { stop: () => Promise<void> }

// The job worker as npm start runs it (node with tsx's loader, scripts/worker.ts), with the test's
// environment and these settings on top (its own DATABASE_URL): for what only the worker does, such as
// the queued reports.
export function startWorkerProcess(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}
