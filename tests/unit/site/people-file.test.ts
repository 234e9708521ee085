/**
 * The site's people file (src/site/people-file.ts): its shape, and every bad input as a
 * message at its line and column, never a crash; a file with a problem is not used.
 */
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { readPeopleFile } from '../../../src/site/people-file.js'

function read(text: string): { directory: ReturnType<typeof readPeopleFile>; messages: string[] } {
  const file = new VFile({ path: 'content/people.yml', value: text })
  const directory = readPeopleFile(file)
  return { directory, messages: file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.reason}`) }
}

describe('readPeopleFile', () => {
  it('should read names, roles, aliases and distinct names, a single name as a list of one', () => {
    const { directory, messages } = read(
      '# who is who\n- name: Hillary Rodham Clinton\n  role: U.S. Secretary of State\n  aliases: [Hillary Clinton, HRC]\n- name: John Q. Smith\n  distinct: John Smith\n',
    )
    expect(messages).toEqual([])
    expect(directory).toEqual({
      people: [
        { name: 'Hillary Rodham Clinton', role: 'U.S. Secretary of State', aliases: ['Hillary Clinton', 'HRC'], distinct: [] },
        { name: 'John Q. Smith', aliases: [], distinct: ['John Smith'] },
      ],
    })
  })

  it('should read an empty file, or one of comments only, as no people', () => {
    expect(read('').directory).toEqual({ people: [] })
    expect(read('# nobody yet\n').directory).toEqual({ people: [] })
  })

  it.each([
    ['invalid YAML', '- name: [unclosed\n', '2:1 people-file-yaml Unexpected YAML'],
    ['a repeated key', '- name: A B\n  name: C D\n', '2:3 people-file-yaml Unexpected YAML: Map keys must be unique'],
    ['a custom tag, never evaluated', '- name: !!js/function "() => 1"\n', '1:9 people-file-yaml Unexpected YAML: Unresolved tag'],
    ['a map instead of a list', 'people:\n  - name: A B\n', '1:1 people-file-type Unexpected value for the people file: expected a list of people, each `- name: …`'],
    ['an entry without a name', '- name: A B\n- role: Mayor\n', '2:3 people-file-type Missing `name` in person 2, expected it to be set'],
    ['an unknown field', '- name: A B\n  nickname: AB\n', '2:3 people-file-type Unexpected field `nickname` in person 1, expected `name`, `role`, `aliases` or `distinct`'],
    ['a role that is a list', '- name: A B\n  role: [x]\n', '2:9 people-file-type Unexpected value for `role` of person 1: expected a role as text'],
    ['a name that is only a title', '- name: Dr.\n', '1:9 people-file-type Unexpected value for `name` of person 1: expected a name of words, not only a title'],
    ['aliases that are not names', '- name: A B\n  aliases: [C D, 3]\n', '2:12 people-file-type Unexpected value for `aliases` of person 1: expected a name or a list of names'],
    ['a name of two people', '- name: Hillary Clinton\n  aliases: [HRC]\n- name: Bill Clinton\n  aliases: [hrc]\n', '4:13 people-file-conflict Unexpected name `hrc` for a second person: it is already `Hillary Clinton` (person 1)'],
    ['a canonical name that is another’s alias', '- name: Hillary Clinton\n  aliases: Mrs. Clinton\n- name: Mrs Clinton\n', '3:9 people-file-conflict Unexpected name `Mrs Clinton` for a second person: it is already `Hillary Clinton` (person 1)'],
    ['a person distinct from their own name', '- name: Sin Son Ho\n  distinct: [Ambassador Sin Son Ho]\n', '2:14 people-file-conflict Unexpected distinct name `Ambassador Sin Son Ho` for `Sin Son Ho`: it is one of their own names'],
  ])('should report %s at its place, and not use the file', (_, text, expected) => {
    const { directory, messages } = read(text)
    expect(directory).toBeUndefined()
    expect(messages).toEqual([expect.stringContaining(expected)])
  })

  it('should report every problem at once', () => {
    const { messages } = read('- name: A B\n  nickname: x\n- role: y\n')
    expect(messages.map((message) => message.split(' ').slice(0, 2).join(' '))).toEqual(['2:3 people-file-type', '3:3 people-file-type'])
  })

  it('should read nothing from a file the load stage could not read', () => {
    const file = new VFile({ path: 'content/people.yml', value: '' })
    file.data.unreadable = true
    expect(readPeopleFile(file)).toBeUndefined()
    expect(file.messages).toEqual([])
  })

  it('should cap YAML aliases, so an alias bomb stops', () => {
    const bomb = ['- name: &a A B', ...Array.from({ length: 40 }, (_, index) => `- name: *a\n  role: r${index}`)].join('\n')
    const { directory, messages } = read(bomb)
    expect(directory).toBeUndefined()
    expect(messages).toEqual([expect.stringContaining('people-file-yaml Unexpected YAML: Excessive alias count')])
  })
})
