// npm run admin -- create --email <email> [--name <name>] [--password-stdin]
//               | set-password --email <email> --password-stdin
// A first admin without a browser (or another one later). Prints nothing secret: the password is read
// from stdin, never from an argument. Without --password-stdin the admin signs in through GitHub or OIDC
// with this email, or gets a password with set-password.
import { parseArgs } from 'node:util'
import { fail } from './cli-fail'
import { runCli, withCliDatabase } from './cli-database'
import { resolveSecretKey } from '@/lib/embedded/local-secret-key'
import { cliWho, readPasswordFromStdin } from './cli-who'
import { createPersonSchema } from '@/lib/validation/settings'

const usage = `usage: npm run admin -- create --email <email> [--name <name>] [--password-stdin]
       npm run admin -- set-password --email <email> --password-stdin`

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: 'string' }, name: { type: 'string' }, 'password-stdin': { type: 'boolean', default: false } },
  })
  const [command] = positionals
  if (!values.email || !['create', 'set-password'].includes(command ?? '')) return fail(usage)
  if (command === 'set-password' && !values['password-stdin']) return fail(`set-password reads the password from stdin: --password-stdin\n${usage}`)
  // sessions and password hashing run on the server's secret (lib/auth/auth-env.ts), resolved as npm start does
  process.env.PLIMSOLL_SECRET_KEY = resolveSecretKey().key
  const password = values['password-stdin'] ? await readPasswordFromStdin() : undefined
  await withCliDatabase(async () => {
    const { auth } = await import('@/lib/auth/auth')
    if (command === 'set-password') {
      const found = await (await auth().$context).internalAdapter.findUserByEmail(values.email!.trim().toLowerCase())
      if (!found) return fail(`no person with email ${values.email}`)
      const { setPassword } = await import('@/lib/auth/users')
      await setPassword(found.user.id, password!)
      console.log(`password set for ${found.user.email}; sign in at /sign-in`)
      return
    }
    const body = createPersonSchema.safeParse({ email: values.email, name: values.name ?? values.email!.split('@')[0], role: 'admin', password })
    if (!body.success) return fail(body.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('\n'))
    const { addPerson } = await import('@/lib/settings/manage-people')
    const person = await addPerson(cliWho('admin'), body.data)
    console.log(`admin ${person.email} created`)
    if (password === undefined) {
      console.log('no password: they sign in with GitHub or single sign-on under this email, or set one with')
      console.log(`  npm run admin -- set-password --email ${person.email} --password-stdin`)
    } else console.log('sign in at /sign-in')
  })
}

runCli(() => main().then(() => import('@/lib/db').then(({ pool }) => pool().end())))
