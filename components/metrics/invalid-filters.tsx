import type { FieldError } from '@/lib/http/app-error'

export function InvalidFilters({ title, errors, reset = '/' }: { title: string; errors: FieldError[]; reset?: string }) {
  return (
    <>
      <h1>{title}</h1>
      <FilterErrors errors={errors} reset={reset} />
    </>
  )
}

// What the filters cannot show and why, naming each field; also under a filter bar kept to choose again.
export function FilterErrors({ errors, reset }: { errors: FieldError[]; reset: string }) {
  return (
    <div className="card error-state" role="alert">
      <p>These filters cannot be shown: {errors.map((e) => `${e.path}: ${e.message}`).join('; ')}.</p>
      <a href={reset}>Reset the filters</a>
    </div>
  )
}
