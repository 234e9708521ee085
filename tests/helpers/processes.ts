/**
 * Processes as Linux's `/proc` shows them, for tests that kill a build's child process and
 * then check that nothing it started is left running.
 */
import { readdirSync, readFileSync } from 'node:fs'

export interface ProcessInfo {
  readonly pid: number
  readonly ppid: number
  /** The executable's name, cut to 15 characters by the kernel (`pagefind_extend`). */
  readonly comm: string
}

function infoOf(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // `pid (comm) state ppid …`; the name may hold spaces and parentheses, so split at the last `)`.
    const close = stat.lastIndexOf(')')
    const comm = stat.slice(stat.indexOf('(') + 1, close)
    const [state, ppid] = stat.slice(close + 2).split(' ')
    // A zombie has exited; only its parent's wait is missing.
    if (state === 'Z') return undefined
    return { pid, ppid: Number(ppid), comm }
  } catch {
    // Gone between the listing and the read.
    return undefined
  }
}

/** Every live process. */
export function processes(): ProcessInfo[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => infoOf(Number(name)))
    .filter((info): info is ProcessInfo => info !== undefined)
}

/** Live processes whose parent is `pid`. */
export function childrenOf(pid: number): ProcessInfo[] {
  return processes().filter((info) => info.ppid === pid)
}

/** Live processes whose environment holds `entry` (`NAME=value`): a test marks what it starts that way, children included. */
export function processesWithEnv(entry: string): ProcessInfo[] {
  return processes().filter((info) => {
    try {
      return readFileSync(`/proc/${info.pid}/environ`, 'utf8').split('\0').includes(entry)
    } catch {
      return false
    }
  })
}

/** Whether process `pid` is alive (a zombie is not). */
export function isAlive(pid: number): boolean {
  return infoOf(pid) !== undefined
}

/** Poll `find` every 10 ms until it gives a value, for at most `timeoutMs`. */
export async function waitFor<T>(find: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const found = find()
    if (found !== undefined) return found
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
