import { Readable } from 'node:stream'
import { csvStringifier } from '@/lib/format/csv'

type Cell = string | number | boolean | null | undefined

// A table's rows as a CSV download, through the product's one CSV writer (formula cells neutralised).
// The rows may be an array or an async generator (a paged read streamed as it comes).
export function csvResponse(filename: string, columns: readonly string[], rows: Iterable<Record<string, Cell>> | AsyncIterable<Record<string, Cell>>): Response {
  const stream = Readable.from(rows).pipe(csvStringifier({ header: true, columns: [...columns] }))
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'no-store' },
  })
}
