// A commit's page on its repository's host (GitHub and GitLab both serve <repository>/commit/<sha>), or
// null when the service names no http(s) repository or the sha is not one: a record's link never points
// anywhere a repository URL of another scheme (javascript:, file:) would lead.
export function commitUrl(repositoryUrl: string | null | undefined, sha: string | null | undefined): string | null {
  if (!repositoryUrl || !sha || !/^[0-9a-f]{7,64}$/i.test(sha)) return null
  let url: URL
  try {
    url = new URL(repositoryUrl)
  } catch {
    return null
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
  const repo = `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\.git$/, '')}`
  return `${repo}/commit/${sha.toLowerCase()}`
}

// The first 7 characters, as git shows a commit.
export const shortSha = (sha: string) => sha.slice(0, 7)
