// Shown while a dashboard's numbers are computed (a Suspense fallback inside the page, so a page that
// does not exist is still answered 404 before anything streams): the shape of the dashboard, so nothing
// jumps when the numbers arrive.
export function DashboardSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading" data-testid="loading-skeleton">
      <div className="skeleton skeleton-filters" />
      <div className="cards">
        {Array.from({ length: 7 }, (_, i) => <div key={i} className="card skeleton-card"><div className="skeleton" /><div className="skeleton skeleton-value" /></div>)}
      </div>
      <div className="skeleton skeleton-chart" />
    </div>
  )
}
