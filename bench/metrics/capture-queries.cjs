// Preloaded into the benchmark's `next start` (NODE_OPTIONS=--require): while the file named by
// BENCH_CAPTURE_FLAG exists, every query the app sends through node-pg is appended (text and values)
// to BENCH_CAPTURE_FILE as a JSON line, so bench/metrics/run.ts can EXPLAIN exactly what one metrics
// request ran. Next.js keeps `pg` external (server-external-packages), so the app's require('pg')
// resolves to this same module. Costs one stat() per query while the flag file is absent.
'use strict'
const fs = require('node:fs')

const flag = process.env.BENCH_CAPTURE_FLAG
const file = process.env.BENCH_CAPTURE_FILE
if (flag && file) {
  let pg = null
  try {
    pg = require(require.resolve('pg', { paths: [process.cwd()] }))
  } catch {
    // no pg here: nothing to capture
  }
  if (pg && pg.Client && !pg.Client.prototype.__benchCaptured) {
    const original = pg.Client.prototype.query
    pg.Client.prototype.query = function (config, values, _callback) {
      try {
        if (fs.existsSync(flag)) {
          const text = typeof config === 'string' ? config : config && config.text
          const vals = config && typeof config === 'object' && Array.isArray(config.values) ? config.values : Array.isArray(values) ? values : []
          if (typeof text === 'string') fs.appendFileSync(file, JSON.stringify({ at: Date.now(), pid: process.pid, text, values: vals }) + '\n')
        }
      } catch {
        // never break the app
      }
      return original.apply(this, arguments)
    }
    pg.Client.prototype.__benchCaptured = true
  }
}
