// ESLint rule: no line over `max` characters, with a per-file ratchet. ESLint's own max-len is deprecated
// and can only exempt a whole file; here a file listed in `allowed` may keep at most the number of long
// lines it had when the rule came in (lint/long-line-debt.mjs), so that debt can shrink but never grow.
import path from 'node:path'

export const maxLineLength = {
  meta: {
    type: 'layout',
    docs: { description: 'lines hold at most `max` characters; files with older long lines may not add more' },
    schema: [
      {
        type: 'object',
        properties: { max: { type: 'integer', minimum: 1 }, allowed: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } } },
        required: ['max'],
        additionalProperties: false,
      },
    ],
    messages: {
      tooLong: 'Line is {{length}} characters, over {{max}}; wrap it.',
      tooMany: 'Line is {{length}} characters, over {{max}}: this file may keep at most {{allowed}} such lines (lint/long-line-debt.mjs), it has {{count}}.',
    },
  },
  create(context) {
    const { max, allowed = {} } = context.options[0]
    const file = path.relative(context.cwd, context.filename).split(path.sep).join('/')
    return {
      Program() {
        const long = []
        context.sourceCode.lines.forEach((text, i) => {
          if (text.length > max) long.push({ line: i + 1, length: text.length })
        })
        const budget = allowed[file] ?? 0
        if (long.length <= budget) return
        for (const { line, length } of long) {
          const loc = { start: { line, column: max }, end: { line, column: length } }
          if (budget === 0) context.report({ loc, messageId: 'tooLong', data: { length, max } })
          else context.report({ loc, messageId: 'tooMany', data: { length, max, allowed: budget, count: long.length } })
        }
      },
    }
  },
}
