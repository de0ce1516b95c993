import type { FieldError } from '@/lib/http/app-error'

export function InvalidFilters({ title, errors, reset = '/' }: { title: string; errors: FieldError[]; reset?: string }) {
  return (
    <>
      <h1>{title}</h1>
      <div className="card error-state" role="alert">
        <p>These filters cannot be shown: {errors.map((e) => `${e.path}: ${e.message}`).join('; ')}.</p>
        <a href={reset}>Reset the filters</a>
      </div>
    </>
  )
}
