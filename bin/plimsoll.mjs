#!/usr/bin/env node
// `plimsoll`: report deployments, incidents, scans and probe results from any pipeline (docs/ci.md).
// The sources are TypeScript, loaded with tsx (a dependency) under this package's own tsconfig, so the
// command works from any directory, such as another repository's CI checkout.
import { fileURLToPath } from 'node:url'
import { tsImport } from 'tsx/esm/api'

const { main } = await tsImport('../lib/cli/main.ts', {
  parentURL: import.meta.url,
  tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
})
process.exitCode = await main(process.argv)
