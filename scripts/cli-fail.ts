// A command refused (usage, an unknown name): the message on stderr and exit code 2.
export function fail(message: string): void {
  console.error(message)
  process.exitCode = 2
}
