// Links into a service's repository (its repository URL from settings) for a commit or a pull request;
// null when there is no http(s) repository URL to build on. GitLab's paths differ from GitHub's.
function base(repositoryUrl: string | null): URL | null {
  if (!repositoryUrl) return null
  try {
    const url = new URL(repositoryUrl.replace(/\.git$/, ''))
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null
  } catch {
    return null
  }
}

const join = (url: URL, path: string) => `${url.origin}${url.pathname.replace(/\/+$/, '')}${path}`
const isGitLab = (url: URL) => url.hostname.includes('gitlab')

export function commitUrl(repositoryUrl: string | null, sha: string): string | null {
  const url = base(repositoryUrl)
  return url ? join(url, `${isGitLab(url) ? '/-' : ''}/commit/${encodeURIComponent(sha)}`) : null
}

export function pullRequestUrl(repositoryUrl: string | null, n: number): string | null {
  const url = base(repositoryUrl)
  return url ? join(url, isGitLab(url) ? `/-/merge_requests/${n}` : `/pull/${n}`) : null
}
