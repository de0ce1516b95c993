// ESLint (npm test's first step, `npm run lint`): typescript-eslint's recommended rules, import boundaries and line
// length, nothing type-aware, so a whole-tree run stays well under a minute on two busy cores. Why each rule exists
// and what the debt lists mean: docs/linting.md.
import tseslint from 'typescript-eslint'
import { dataImportsHttpDebt, uiImportsDataDebt } from './lint/boundary-debt.mjs'
import { longLineDebt } from './lint/long-line-debt.mjs'
import { maxLineLength } from './lint/max-line-length.mjs'

// A '../' import could reach across a boundary without naming it; the code imports other folders as '@/…'.
const parentRelative = { group: ['../*', '../**'], message: "Import other folders as '@/…' so the import boundaries can see them." }

// Pages and components read through lib/dashboard view-models, never the SQL or the pool (issue 21, item 3).
const uiFiles = ['app/**/*.tsx', 'components/**/*.ts', 'components/**/*.tsx']
const uiForbidden = {
  group: ['@/lib/queries', '@/lib/queries/**', '@/lib/db', '@/lib/db/**'],
  message: 'UI must not import lib/queries or lib/db: read through a lib/dashboard view-model.',
}

// The data layer is called by routes, pages, the worker and the CLI; it must not depend on any of them
// (errors come from lib/errors, cursors from lib/validation).
const dataFiles = ['lib/queries/**', 'lib/ingest/**', 'lib/engine/**', 'lib/metrics/**', 'lib/time/**', 'lib/derive/**']
const dataForbidden = {
  group: ['@/app', '@/app/**', '@/lib/http', '@/lib/http/**'],
  message: "The data layer must not import app/ or lib/http: throw AppError from '@/lib/errors/app-error', keep HTTP parsing in the route.",
}
// ignores are globs: a listed file's [slug] folder must match literally, not as a character class
const literal = (files) => files.map((f) => f.replace(/[[\]()*?{}!]/g, '\\$&'))
// Tests may drive a layer through the one above it (a route handler, the rate limiter).
const tests = ['**/*.test.ts', '**/*.test.tsx', '**/testing/**']

export default tseslint.config(
  ...tseslint.configs.recommended,
  { ignores: ['node_modules/', '.next/', '.next-*/', '.data/', 'generated/', 'test-results/', 'playwright-report/', 'bench/results/', 'next-env.d.ts'] },
  {
    files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { plimsoll: { rules: { 'max-line-length': maxLineLength } } },
    rules: {
      'plimsoll/max-line-length': ['error', { max: 160, allowed: longLineDebt }],
      // '_' marks a value left out on purpose (a destructured field dropped from a copy, an unused tuple slot)
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true, caughtErrors: 'none' },
      ],
      // scripts/worker.ts: a signal handler reads the handle before it is assigned, which `const` would make a TDZ error
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  // CommonJS files (bench/metrics/capture-queries.cjs is preloaded with --require) load modules with require()
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // tests read untyped JSON answers; `any` there is a shortcut, not a hole in the app's types
  { files: tests, rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  {
    files: uiFiles,
    ignores: [...literal(uiImportsDataDebt), ...tests],
    rules: { 'no-restricted-imports': ['error', { patterns: [uiForbidden, parentRelative] }] },
  },
  {
    files: dataFiles,
    ignores: [...literal(dataImportsHttpDebt), ...tests],
    rules: { 'no-restricted-imports': ['error', { patterns: [dataForbidden, parentRelative] }] },
  },
)
