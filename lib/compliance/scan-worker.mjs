// Entry of the scan-parsing worker thread (lib/compliance/parse-scan-in-worker.ts). Plain JavaScript,
// loaded by Node itself rather than bundled by Next: it loads the TypeScript parser through tsx, as
// `npm start` loads the web server.
import { tsImport } from 'tsx/esm/api'

await tsImport('./scan-worker.ts', import.meta.url)
