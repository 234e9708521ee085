import type { Point, Position } from 'unist'
import type { VFile } from 'vfile'
import type { Options as MessageOptions, VFileMessage } from 'vfile-message'
import { rules, type RuleId } from '../model/messages.js'

/**
 * Attach a content message to `file`, with its rule id, its severity from the catalogue
 * and a hint as `note`. Content problems are data: this never throws.
 *
 * @param place Where the problem is; omit only when the whole file is at fault.
 * @param hint What to do about this problem, when the cause is known more closely than
 *   the rule says (default: the catalogue's hint for `ruleId`).
 */
export function report(file: VFile, ruleId: RuleId, reason: string, place?: Point | Position, hint?: string): VFileMessage {
  const message = contentMessage(file, reason, { place, ruleId, source: 'dateline' })
  const { severity } = rules[ruleId]
  // vfile's own convention: `true` an error, `false` a warning, `undefined` information.
  message.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined
  message.note = hint ?? rules[ruleId].hint
  return message
}

/**
 * `file.message()` without a stack trace. A `VFileMessage` is an `Error`, and capturing its
 * stack was most of the cost of making one: a 4,000-story build makes ~25,000 (one per
 * attribution held back for review), and a rebuild makes them again from the cache. A
 * content message points at its file's line and column, never at our code.
 */
export function contentMessage(file: VFile, reason: string, options: MessageOptions): VFileMessage {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    return file.message(reason, options)
  } finally {
    Error.stackTraceLimit = limit
  }
}
