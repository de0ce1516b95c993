'use client'

// A page that failed to load (the database is down, a bug): say so, keep the navigation, offer a retry
// that fetches the page again.
export default function PageError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <div className="card error-state" role="alert">
      <h1>This page could not be loaded</h1>
      <p>{error.digest ? `Something went wrong on the server (reference ${error.digest}).` : error.message}</p>
      <p className="muted">If the database was restarting, a retry in a few seconds usually works.</p>
      <button type="button" onClick={() => retry()}>Retry</button>
    </div>
  )
}
