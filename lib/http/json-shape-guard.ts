import { AppError } from '@/lib/http/app-error'

// maxItems: per array (items) and per object (fields); maxValues: in the whole document.
export type JsonShapeLimits = { maxDepth: number; maxItems: number; maxValues: number }

// Every JSON body of the API (1 MiB): real payloads nest a few levels and list at most a few thousand items.
export const JSON_BODY_LIMITS: JsonShapeLimits = { maxDepth: 64, maxItems: 10_000, maxValues: 200_000 }

type Frame = { array: boolean; items: number; key: string }

const QUOTE = 0x22
const BACKSLASH = 0x5c
const MAX_KEY_CHARS = 64
const NONE = 0
const VALUE = 1 // after ':' or at the start
const ITEM = 2 // after '[' or ',' in an array

// A one-pass check of JSON text, fed chunk by chunk as it arrives and before JSON.parse or zod see it:
// refuses nesting deeper than `maxDepth`, arrays or objects of more than `maxItems` entries and more
// than `maxValues` values in all, with a 422 naming the path. JSON.parse of 95 MiB of `[0,0,...]` and
// zod's one issue per item exhausted the heap (issue 18). Only brackets, commas and colons outside
// strings are looked at: syntax errors are left to JSON.parse. O(n) time, O(depth) memory.
export class JsonShapeGuard {
  private readonly stack: Frame[] = []
  private inString = false
  private escaped = false
  // the current string's first characters: an object's key, for the path in the error
  private text = ''
  private lastString = ''
  private expect = VALUE
  private values = 0

  constructor(private readonly limits: JsonShapeLimits = JSON_BODY_LIMITS) {}

  write(chunk: string): void {
    const stack = this.stack
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i)
      if (this.inString) {
        if (this.escaped) this.escaped = false
        else if (c === BACKSLASH) this.escaped = true
        else if (c === QUOTE) {
          this.inString = false
          this.lastString = this.text
        } else if (this.text.length < MAX_KEY_CHARS) this.text += chunk[i]
        continue
      }
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue
      if (this.expect !== NONE && c !== 0x5d && c !== 0x7d) {
        if (this.expect === ITEM) this.count(stack[stack.length - 1]!)
        if (++this.values > this.limits.maxValues) throw this.refuse(`holds more than ${this.limits.maxValues} values in all`, false)
      }
      this.expect = NONE
      switch (c) {
        case QUOTE:
          this.inString = true
          this.text = ''
          break
        case 0x5b: // [
        case 0x7b: // {
          if (stack.length >= this.limits.maxDepth) throw this.refuse(`nests deeper than ${this.limits.maxDepth} levels`, false)
          stack.push({ array: c === 0x5b, items: 0, key: '' })
          if (c === 0x5b) this.expect = ITEM
          break
        case 0x5d: // ]
        case 0x7d: // }
          stack.pop()
          break
        case 0x3a: { // :
          const top = stack[stack.length - 1]
          if (top && !top.array) {
            top.key = this.lastString
            this.count(top)
          }
          this.expect = VALUE
          break
        }
        case 0x2c: // ,
          if (stack[stack.length - 1]?.array) this.expect = ITEM
          break
      }
    }
  }

  private count(frame: Frame): void {
    if (++frame.items > this.limits.maxItems) throw this.refuse(`must have at most ${this.limits.maxItems} ${frame.array ? 'items' : 'fields'}`, true)
  }

  private refuse(problem: string, atContainer: boolean): AppError {
    const path = this.stack.map((f) => (f.array ? String(f.items - 1) : f.key))
    // a count names the array or object itself, not its entry past the limit
    if (atContainer) path.pop()
    const shown = path.length > 16 ? `${path.slice(0, 16).join('.')}… (${path.length} levels)` : path.join('.')
    return new AppError('VALIDATION_FAILED', `Invalid request: ${shown || '(body)'}: ${problem}`, [{ path: shown, message: problem }])
  }
}

export function assertJsonShape(text: string, limits: JsonShapeLimits = JSON_BODY_LIMITS): void {
  new JsonShapeGuard(limits).write(text)
}
