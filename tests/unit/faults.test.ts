import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { describeFault, Refusal } from '../../src/faults.js'
import { TemplateError } from '../../src/render/templates.js'

const cwd = path.resolve('/srv/site')
const systemError = (code: string, message: string, more: Record<string, unknown>) => Object.assign(new Error(message), { code, ...more })

describe('describeFault', () => {
  it('should print a refusal as it is, on one line', () => {
    expect(describeFault(new Refusal('Cannot write the site to the file system root `/`'), cwd)).toBe('Cannot write the site to the file system root `/`')
  })

  it('should place a template fault at its file, line and column, relative to the folder run from', () => {
    const error = new TemplateError(path.join(cwd, 'templates', 'article.eta'), 28, 38, "Cannot compile template `article`: Unexpected token ')'")
    expect(describeFault(error, cwd)).toBe(`${path.join('templates', 'article.eta')}:28:38  error  Cannot compile template \`article\`: Unexpected token ')'`)
  })

  it('should say what a system error was doing, to which path, and why', () => {
    expect(describeFault(systemError('ENOSPC', 'ENOSPC: no space left on device, write', { syscall: 'write', path: path.join(cwd, '.dist.staging-7', 'index.html') }), cwd)).toBe(
      `Cannot write \`${path.join('.dist.staging-7', 'index.html')}\`: no space left on the device (ENOSPC)`,
    )
    expect(describeFault(systemError('EACCES', "EACCES: permission denied, mkdir '/srv'", { syscall: 'mkdir', path: '/srv' }), cwd)).toBe('Cannot create the folder `/srv`: permission denied (EACCES)')
    expect(describeFault(systemError('EWHATEVER', 'EWHATEVER: something odd, frob', { syscall: 'frob' }), cwd)).toBe('Cannot go on: something odd (EWHATEVER)')
  })

  it('should call anything else a bug, in one line, without a stack trace', () => {
    const line = describeFault(new TypeError("Cannot read properties of undefined (reading 'x')\n    at somewhere (file.js:1:1)"), cwd)
    expect(line).toBe("Unexpected internal error (TypeError): Cannot read properties of undefined (reading 'x'). This is a bug in Dateline; DATELINE_DEBUG=1 prints where it happened")
  })
})
