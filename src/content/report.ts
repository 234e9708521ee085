import type { Point, Position } from 'unist'
import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { rules, type RuleId } from '../model/messages.js'

/**
 * Attach a content message to `file`, with its rule id, its severity from the catalogue
 * and the catalogue's hint as `note`. Content problems are data: this never throws.
 *
 * @param place Where the problem is; omit only when the whole file is at fault.
 */
export function report(file: VFile, ruleId: RuleId, reason: string, place?: Point | Position): VFileMessage {
  const message = file.message(reason, { place, ruleId, source: 'dateline' })
  const { severity } = rules[ruleId]
  // vfile's own convention: `true` an error, `false` a warning, `undefined` information.
  message.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined
  message.note = rules[ruleId].hint
  return message
}
