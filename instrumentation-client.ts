import { z } from 'zod'

// Runs in the browser before the app's code. Zod compiles object parsers with `new Function` when it can,
// and its probe for that is refused by the pages' CSP (no 'unsafe-eval', lib/http/content-security-policy.ts):
// a "CSP violation" in the console of every page that parses a response. The browser parses small
// answers, so it does without the compiled parsers. (The server keeps them: this file is client-only.)
z.config({ jitless: true })
