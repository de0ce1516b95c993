// C `float` arithmetic and printf("%f") output, as oscap computes and prints XCCDF scores.

export const f32 = Math.fround

// sscanf("%f"): the decimal read as a C float (via the double; double rounding is not an issue for
// weights printed with 6 decimals).
export function parseCFloat(text: string | undefined, fallback = 1): number {
  if (text === undefined || text.trim() === '') return f32(fallback)
  const n = Number(text.trim())
  return Number.isFinite(n) ? f32(n) : f32(fallback)
}

const SCALE = 10n ** 6n

// printf("%f", (double)x): the exact binary value rounded half-to-even at 6 decimals. JS toFixed(6)
// rounds exact ties up ((0.0078125).toFixed(6) is "0.007813"; glibc prints "0.007812").
export function formatCFloat(x: number): string {
  if (!Number.isFinite(x)) return String(x)
  const negative = x < 0 || Object.is(x, -0)
  const { mantissa, exponent } = decompose(Math.abs(x))
  let units: bigint
  if (exponent >= 0) {
    units = (mantissa << BigInt(exponent)) * SCALE
  } else {
    const den = 1n << BigInt(-exponent)
    const num = mantissa * SCALE
    units = num / den
    const twice = (num - units * den) * 2n
    if (twice > den || (twice === den && units % 2n === 1n)) units += 1n
  }
  const digits = units.toString().padStart(7, '0')
  const text = `${digits.slice(0, -6)}.${digits.slice(-6)}`
  return negative ? `-${text}` : text
}

// x = mantissa * 2^exponent exactly (x >= 0, finite).
function decompose(x: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, x)
  const bits = view.getBigUint64(0)
  const biased = Number((bits >> 52n) & 0x7ffn)
  const fraction = bits & ((1n << 52n) - 1n)
  if (biased === 0) return { mantissa: fraction, exponent: -1074 }
  return { mantissa: fraction | (1n << 52n), exponent: biased - 1075 }
}
