import type PDFDocument from 'pdfkit'

export type ChartPoint = { label: string; value: number | null }
type Box = { x: number; y: number; w: number; h: number }

export const palette = { ink: '#111827', muted: '#6b7280', grid: '#e5e7eb', accent: '#2563eb', warn: '#dc2626', good: '#059669' }

// A nice upper bound for the axis: 1, 2 or 5 times a power of ten at or above the maximum.
export function niceMax(max: number): number {
  if (!(max > 0)) return 1
  const p = 10 ** Math.floor(Math.log10(max))
  return [1, 2, 5, 10].map((m) => m * p).find((v) => v >= max)!
}

// A small vector chart (bars or a line with points) with a title, a zero-based y axis and sparse x
// labels; null values are gaps, not zeros.
export function drawChart(doc: PDFKit.PDFDocument, box: Box, title: string, points: ChartPoint[], opts: { kind: 'bar' | 'line'; format: (v: number) => string }) {
  const plot = { x: box.x + 36, y: box.y + 16, w: box.w - 42, h: box.h - 32 }
  doc.font('Inter-Bold').fontSize(8).fillColor(palette.ink).text(title, box.x, box.y, { width: box.w, lineBreak: false })
  const values = points.map((p) => p.value).filter((v): v is number => v !== null)
  const top = niceMax(Math.max(0, ...values))
  const yOf = (v: number) => plot.y + plot.h - (v / top) * plot.h
  doc.lineWidth(0.5)
  for (const f of [0, 0.5, 1]) {
    const y = plot.y + plot.h - f * plot.h
    doc.strokeColor(palette.grid).moveTo(plot.x, y).lineTo(plot.x + plot.w, y).stroke()
    doc.font('Inter').fontSize(6).fillColor(palette.muted).text(opts.format(top * f), box.x, y - 3, { width: 33, align: 'right', lineBreak: false })
  }
  if (values.length === 0) {
    doc.fontSize(7).text('no data', plot.x, plot.y + plot.h / 2 - 4, { width: plot.w, align: 'center', lineBreak: false })
    return
  }
  const step = plot.w / Math.max(points.length, 1)
  const every = Math.ceil(points.length / 7)
  points.forEach((p, i) => {
    if (i % every === 0) doc.font('Inter').fontSize(6).fillColor(palette.muted).text(p.label, plot.x + i * step, plot.y + plot.h + 3, { width: step * every, lineBreak: false })
  })
  if (opts.kind === 'bar') {
    points.forEach((p, i) => {
      if (p.value === null || p.value <= 0) return
      doc.rect(plot.x + i * step + step * 0.15, yOf(p.value), step * 0.7, plot.y + plot.h - yOf(p.value)).fill(palette.accent)
    })
    return
  }
  doc.strokeColor(palette.accent).lineWidth(1.2)
  let drawing = false
  points.forEach((p, i) => {
    const x = plot.x + i * step + step / 2
    if (p.value === null) return void (drawing = false)
    if (drawing) doc.lineTo(x, yOf(p.value))
    else doc.moveTo(x, yOf(p.value))
    drawing = true
  })
  doc.stroke()
  points.forEach((p, i) => {
    if (p.value !== null) doc.circle(plot.x + i * step + step / 2, yOf(p.value), 1.5).fill(palette.accent)
  })
}

export type Column<T> = { title: string; width: number; align?: 'left' | 'right'; value: (row: T) => string }

// A table that continues on the next page with its header repeated.
export function drawTable<T>(doc: PDFKit.PDFDocument, rows: T[], columns: Column<T>[], opts: { fontSize?: number } = {}) {
  const size = opts.fontSize ?? 7.5
  const rowH = size + 6
  const left = doc.page.margins.left
  // scale the columns down to the page's width (A4 is narrower than Letter)
  const scale = Math.min(1, (doc.page.width - left - doc.page.margins.right) / columns.reduce((sum, c) => sum + c.width, 0))
  columns = columns.map((c) => ({ ...c, width: c.width * scale }))
  const bottom = () => doc.page.height - doc.page.margins.bottom
  const header = () => {
    let x = left
    const top = doc.y
    doc.font('Inter-Bold').fontSize(size).fillColor(palette.ink)
    for (const c of columns) {
      doc.text(c.title, x + 2, top, { width: c.width - 4, align: c.align ?? 'left', lineBreak: false })
      x += c.width
    }
    const y = top + rowH - 2
    doc.strokeColor(palette.ink).lineWidth(0.5).moveTo(left, y).lineTo(x, y).stroke()
    doc.y = y + 3
  }
  header()
  for (const row of rows) {
    if (doc.y + rowH > bottom()) {
      doc.addPage()
      header()
    }
    let x = left
    const y = doc.y
    doc.font('Inter').fontSize(size).fillColor(palette.ink)
    for (const c of columns) {
      doc.text(c.value(row), x + 2, y, { width: c.width - 4, align: c.align ?? 'left', lineBreak: false, ellipsis: true })
      x += c.width
    }
    doc.strokeColor(palette.grid).lineWidth(0.3).moveTo(left, y + rowH - 2).lineTo(x, y + rowH - 2).stroke()
    doc.x = left
    doc.y = y + rowH
  }
  doc.moveDown(0.5)
}

export type { PDFDocument }
