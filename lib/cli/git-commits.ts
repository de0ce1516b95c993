import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

export type GitCommit = { sha: string; authoredAt: string; committedAt: string; message: string }

// The deployed commits of `<base>..<head>` from the local history (newest first), with their author and
// committer times as ISO 8601 with offset (git's %aI/%cI), so lead time works from any CI with a checkout.
// The API takes at most 5000 commits per deployment.
export async function readGitCommits(range: string, cwd = process.cwd()): Promise<{ head: string; commits: GitCommit[] }> {
  if (!/^[^\s.][^\s]*\.\.[^\s.][^\s]*$/.test(range) || range.includes('...')) throw new Error(`--commits-from-git takes <base>..<head> (got "${range}")`)
  const head = range.split('..')[1]!
  const git = async (args: string[]) => {
    try {
      return (await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 })).stdout
    } catch (err) {
      throw new Error(`git ${args.join(' ')} failed: ${((err as { stderr?: string }).stderr ?? String(err)).trim()}`)
    }
  }
  const headSha = (await git(['rev-parse', '--verify', `${head}^{commit}`])).trim()
  const out = await git(['log', '--max-count=5000', '--format=%H%x1f%aI%x1f%cI%x1f%s%x1e', range, '--'])
  const commits = out.split('\x1e').map((r) => r.trim()).filter(Boolean).map((r) => {
    const [sha, authoredAt, committedAt, message] = r.split('\x1f') as [string, string, string, string]
    return { sha, authoredAt, committedAt, message }
  })
  return { head: headSha, commits }
}
