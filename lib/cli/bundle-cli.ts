import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
let bundled: Promise<string> | undefined

// The plimsoll command as one JavaScript file that needs only Node.js >= 20 (commander included), for
// pipelines to download from this server (GET /cli/plimsoll.mjs) instead of installing the repository.
// Bundled once per process with esbuild (tsx's), run as a program so the app's bundler never sees it.
export function bundleCli(root = process.cwd()): Promise<string> {
  bundled ??= run(path.join(root, 'node_modules/.bin/esbuild'), [
    path.join(root, 'lib/cli/main.ts'), '--bundle', '--platform=node', '--format=esm', '--target=node20', '--log-level=error',
    // commander is CommonJS: give the ES module a require
    '--banner:js=#!/usr/bin/env node\nimport { createRequire } from "node:module"; const require = createRequire(import.meta.url);',
    '--footer:js=process.exitCode = await main(process.argv);',
  ], { cwd: root, maxBuffer: 16 * 1024 * 1024 }).then((r) => r.stdout).catch((err) => {
    bundled = undefined
    throw err
  })
  return bundled
}
