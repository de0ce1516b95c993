// Descriptions in the OpenAPI document mark code with `backticks`; show those parts as <code>.
export function InlineCode({ text }: { text: string }) {
  return <>{text.split('`').map((part, i) => (i % 2 ? <code key={i}>{part}</code> : part))}</>
}
