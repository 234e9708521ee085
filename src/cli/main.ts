/**
 * The command line: argv → build → write → report. The only code that touches `process`
 * (argv, stdout, stderr, exit code); it never calls `process.exit()`. Each command is a
 * function of its own: `build` in `build-command.ts`, the others in `commands.ts`, with
 * what they share in `context.ts`.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { runBuild } from './build-command.js'
import { runCheck, runDev, runImport, runNew, runParse, runQuotes } from './commands.js'
import { argOptions, type CommandContext, type Io, readVersion, usage } from './context.js'

/** The commands by name. */
const commands: Readonly<Record<string, (context: CommandContext) => Promise<void>>> = {
  build: runBuild,
  dev: runDev,
  check: runCheck,
  new: runNew,
  import: runImport,
  parse: runParse,
  quotes: runQuotes,
}

/**
 * Run the CLI with `args` (argv without node and script). Sets `process.exitCode`: 0, 1
 * when content has errors, 2 when the command could not run (usage, configuration,
 * templates, the output folder, the file system), said in one line.
 */
export async function main(args: readonly string[], io: Io = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) }): Promise<void> {
  try {
    await runCommand(args, io)
  } catch (error) {
    const { describeFault } = await import('../faults.js')
    io.err(describeFault(error, process.cwd()))
    if (process.env.DATELINE_DEBUG !== undefined && process.env.DATELINE_DEBUG !== '' && error instanceof Error) io.err(error.stack ?? '')
    process.exitCode = 2
  }
}

async function runCommand(args: readonly string[], io: Io): Promise<void> {
  let parsed
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options: argOptions })
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`)
    process.exitCode = 2
    return
  }
  const { values, positionals } = parsed
  const [command, ...rest] = positionals
  if (values.version) {
    io.out(readVersion())
    return
  }
  if (values.help || command === undefined || command === 'help') {
    io.out(usage)
    if (command === undefined && !values.help) process.exitCode = 2
    return
  }
  const cwd = process.cwd()
  const context: CommandContext = { values, rest, cwd, contentDir: path.resolve(cwd, values.content ?? 'content'), attribute: values['no-attribution'] !== true, io }
  const run = Object.hasOwn(commands, command) ? commands[command] : undefined
  if (run === undefined) {
    io.err(`Unknown command \`${command}\`\n\n${usage}`)
    process.exitCode = 2
    return
  }
  await run(context)
}
