/**
 * Faults that are not content problems: a command that cannot run as given (`--out /`, a
 * templates folder that does not exist), a broken template, or a machine that does not let
 * it run (a full disk, a folder it may not write). Content problems are messages on their
 * files (exit code 1); each of these ends the command with one line naming its cause, and
 * the CLI's exit code 2. The old output folder stays as it was: `build` writes into a
 * staging folder and swaps it in only when everything is written.
 */
import path from 'node:path'

/** The command cannot run as given, or refuses to (it would replace a folder it must not): its message says why, on one line. */
export class Refusal extends Error {
  override readonly name = 'Refusal'
}

/** What a system error code means, in the words of the manual pages. */
const systemErrors: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file is too large for the file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EEXIST: 'it already exists',
  ENOTEMPTY: 'the folder is not empty',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files on the system',
  EIO: 'input/output error',
  EBUSY: 'it is busy (in use, or a mount point)',
  EXDEV: 'it is on another file system',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links in the path',
  ENOMEM: 'out of memory',
}

/** The verb for what a failed system call was doing. */
const verbs: Readonly<Record<string, string>> = {
  open: 'open',
  read: 'read',
  write: 'write',
  close: 'write',
  fsync: 'write',
  mkdir: 'create the folder',
  mkdtemp: 'create the folder',
  scandir: 'read the folder',
  opendir: 'read the folder',
  rename: 'move',
  unlink: 'delete',
  rmdir: 'delete the folder',
  rm: 'delete',
  link: 'link',
  symlink: 'link',
  copyfile: 'copy',
  stat: 'read',
  lstat: 'read',
  realpath: 'find',
  readlink: 'read the link',
  utime: 'touch',
  chmod: 'change',
  spawn: 'run',
}

interface SystemError extends Error {
  readonly code: string
  readonly syscall?: string
  readonly path?: string
}

function isSystemError(error: unknown): error is SystemError {
  const code: unknown = error instanceof Error ? (error as { code?: unknown }).code : undefined
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code)
}

/** `file` as the user would type it from `cwd`: relative inside it, absolute outside. */
export function shownPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file)
  return relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? file : relative
}

/** A template fault's shape (the render stage's `TemplateError`), matched by shape so this module depends on no stage. */
interface PlacedFault {
  readonly file: string
  readonly line: number
  readonly column: number
  readonly reason: string
}

function isPlacedFault(error: unknown): error is Error & PlacedFault {
  return error instanceof Error && error.name === 'TemplateError' && typeof (error as Partial<PlacedFault>).file === 'string'
}

/**
 * One line for a fault that ends a command: a refusal as it is, a template fault at its
 * `file:line:column`, a system error with what was being done, to which path, and its
 * cause. Anything else is a bug: it says so (`DATELINE_DEBUG=1` prints the stack).
 */
export function describeFault(error: unknown, cwd: string): string {
  if (error instanceof Refusal) return firstLine(error.message)
  if (isPlacedFault(error)) return `${shownPath(error.file, cwd)}:${error.line}:${error.column}  error  ${firstLine(error.reason)}`
  if (isSystemError(error)) {
    const what = systemErrors[error.code] ?? firstLine(error.message.replace(/^E[A-Z0-9]+: /, '').replace(/, \w+(?: '.*')?$/, ''))
    const verb = (error.syscall === undefined ? undefined : verbs[error.syscall]) ?? 'use'
    return error.path === undefined ? `Cannot ${verb === 'use' ? 'go on' : verb}: ${what} (${error.code})` : `Cannot ${verb} \`${shownPath(error.path, cwd)}\`: ${what} (${error.code})`
  }
  if (error instanceof Error && error.constructor === Error) return firstLine(error.message)
  const kind = error instanceof Error ? error.name : typeof error
  return `Unexpected internal error (${kind}): ${firstLine(error instanceof Error ? error.message : String(error))}. This is a bug in Dateline; DATELINE_DEBUG=1 prints where it happened`
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? ''
}
