// Runs once when a server process starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { printFirstAdminLink } = await import('@/lib/auth/print-first-admin-link')
  await printFirstAdminLink()
}
