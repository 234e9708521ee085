import { describe, expect, it } from 'vitest'
import type { Candidate } from '../../../src/quotes/candidates.js'
import type { BookEntry } from '../../../src/quotes/people-book.js'
import { defaultSpeakerModel, extractQuotes, type QuoteResult } from '../../../src/quotes/index.js'
import { calibrated, decide, modelFromFile, reasons, RULES_THAT_DECIDE, rulesDecision, type SpeakerModel } from '../../../src/quotes/model.js'
import { DEFAULT_PUBLISH_THRESHOLD, isPublished } from '../../../src/quotes/policy.js'
import modelFile from '../../../src/quotes/speaker-model.json' with { type: 'json' }

function paragraphsOf(text: string): [number, number][] {
  const paragraphs: [number, number][] = []
  let start = 0
  for (const part of text.split('\n\n')) {
    paragraphs.push([start, start + part.length])
    start += part.length + 2
  }
  return paragraphs
}

function run(text: string): QuoteResult {
  return extractQuotes({ text, paragraphs: paragraphsOf(text) })
}

function speakerOf(result: QuoteResult, index: number): string | undefined {
  const id = result.quotes[index]?.speakerId
  return result.people.find((p) => p.id === id)?.name
}

/** Every kept quote's candidates, as the model sees them. */
function candidatesOf(text: string): (readonly Candidate[])[] {
  const seen: (readonly Candidate[])[] = []
  extractQuotes({ text, paragraphs: paragraphsOf(text) }, { trace: (_i, candidates) => seen.push(candidates) })
  return seen
}

function person(name: string): BookEntry {
  return { key: name, name, kind: 'person', nameWords: name.toLowerCase().split(' '), role: undefined, gender: undefined, mentions: [name], positions: [0], isListed: false, seenAsPlace: false, isShortened: false }
}

const toy: SpeakerModel = { weights: new Map([['a', 2], ['b', -1], ['nobody', 0.5]]), calibration: { slope: 1, intercept: 0 } }

describe('speaker model: scoring and calibration', () => {
  it('should choose the candidate whose features weigh most, with a softmax probability', () => {
    const candidates: Candidate[] = [{ entry: undefined, features: ['nobody'] }, { entry: undefined, features: ['a'] }, { entry: undefined, features: ['a', 'b'] }]
    const decision = decide(toy, candidates)
    expect(decision.index).toBe(1)
    const sum = [...decision.probabilities].reduce((s, p) => s + p, 0)
    expect(sum).toBeCloseTo(1, 10)
    // A choice of nobody (no entry) has no speaker to be right about: confidence 0.
    expect(decision.confidence).toBe(0)
  })

  it('should keep the rules choice where the rule decides, the model giving only its confidence', () => {
    const candidates: Candidate[] = [{ entry: undefined, features: ['a'] }, { entry: person('Ana Ruiz'), features: ['b'], rule: 'speaker-after-said' }]
    expect(rulesDecision(candidates)).toBe(1)
    // A description or an organisation the rules read is the model's to weigh.
    expect(rulesDecision([{ entry: undefined, features: ['a'] }, { entry: { ...person('the company'), kind: 'organization' }, features: ['b'], rule: 'speaker-after-said' }])).toBe(-1)
    expect(decide(toy, candidates, rulesDecision(candidates)).index).toBe(1)
    const followOn: Candidate[] = [{ entry: undefined, features: ['a'] }, { entry: undefined, features: ['b'], rule: 'follow-on' }]
    expect(rulesDecision(followOn)).toBe(-1)
    expect(RULES_THAT_DECIDE.has('follow-on')).toBe(false)
  })

  it('should calibrate monotonically and stay inside (0, 1)', () => {
    const model = modelFromFile(modelFile)
    let last = 0
    for (const p of [0.01, 0.2, 0.5, 0.8, 0.99]) {
      const c = calibrated(model, p)
      expect(c).toBeGreaterThan(last)
      expect(c).toBeLessThan(1)
      last = c
    }
  })

  it('should explain a choice by its strongest features, signed', () => {
    expect(reasons(toy, { entry: undefined, features: ['b', 'a', 'unknown'] })).toEqual(['a +2.00', 'b −1.00'])
  })

  it('should ship learnt weights with their provenance and no article text', () => {
    expect(modelFile.provenance).toMatch(/PolNeAR v1\.0\.0/)
    expect(Object.keys(modelFile.weights).length).toBeGreaterThan(50)
    // Feature names describe how news is written: none holds a capitalised name from an article.
    for (const name of Object.keys(modelFile.weights)) expect(name).not.toMatch(/\p{Lu}\p{Ll}{2,}/u)
    expect(defaultSpeakerModel.weights.size).toBe(Object.keys(modelFile.weights).length)
  })
})

describe('speaker model: candidates and the failure patterns of rules', () => {
  it('should always offer nobody first and the rules choice among the candidates', () => {
    const [candidates] = candidatesOf('"We will rebuild," said Mayor Ana Ruiz on Tuesday.')
    expect(candidates?.[0]?.entry).toBeUndefined()
    expect(candidates?.some((c) => c.rule === 'said-speaker' && c.entry?.name === 'Ana Ruiz')).toBe(true)
  })

  it('should not glue the verb to the name (said Falk is Falk)', () => {
    const result = run('CBS News analyst Pamela Falk was at the mission.\n\n"But he rejected outright the idea of six-party talks," said Falk.')
    expect(speakerOf(result, 0)).toBe('Pamela Falk')
  })

  it('should never offer a place as a speaker', () => {
    const text = 'Farmers in Port Halden have organized ten protests.\n\nPort Halden has seen its population grow by 9 percent since 2014.\n\n"You can\'t run a port on promises," he said.'
    for (const candidates of candidatesOf(text)) expect(candidates.map((c) => c.entry?.name)).not.toContain('Port Halden')
  })

  it('should give a follow-on quote to the new subject, not the last speaker', () => {
    const result = run('"We are done," said Maria Delgado.\n\nCouncil member Tom Reyes disagreed. "This is not the end of it."')
    expect(speakerOf(result, 0)).toBe('Maria Delgado')
    expect(speakerOf(result, 1)).toBe('Tom Reyes')
  })

  it('should resolve a description to the person named before (the ambassador)', () => {
    const result = run('North Korean Ambassador Sin Son Ho spoke on Friday.\n\nThe stalled talks, the ambassador said, "are gone forever."')
    expect(speakerOf(result, 0)).toBe('Sin Son Ho')
  })

  it('should not count a scare quote as a quote', () => {
    const result = run('Lawmakers extended the so-called "tax extenders" again, said Senator Ruth Ames.')
    expect(result.quotes).toHaveLength(0)
  })

  it('should give every attributed quote a confidence, and publish only at the threshold or when confirmed', () => {
    const result = run('"We will rebuild," said Mayor Ana Ruiz on Tuesday.')
    const quote = result.quotes[0]
    expect(quote?.confidence).toBeGreaterThan(0)
    expect(quote?.confidence).toBeLessThanOrEqual(1)
    expect(isPublished({ speakerId: 'p', confidence: DEFAULT_PUBLISH_THRESHOLD })).toBe(true)
    expect(isPublished({ speakerId: 'p', confidence: DEFAULT_PUBLISH_THRESHOLD - 0.01 })).toBe(false)
    expect(isPublished({ speakerId: 'p', confidence: 0.1, confirmed: true })).toBe(true)
    expect(isPublished({ confidence: 1, confirmed: true })).toBe(false)
  })
})

describe('speaker model: the README stays in step', () => {
  it('should name every rule that decides, and every feature family of the weights file', async () => {
    const { readFile } = await import('node:fs/promises')
    const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8')
    const section = readme.slice(readme.indexOf('### How the quote engine decides'), readme.indexOf('## CLI')).replace(/\s+/g, ' ')
    for (const rule of RULES_THAT_DECIDE) expect(section).toContain(`\`${rule}\``)
    // Feature families (the part before the first colon) that carry weight are described.
    const families = new Set(Object.keys(modelFile.weights).map((name) => name.split(':')[0] as string))
    const described: Record<string, string> = {
      nobody: 'nobody',
      'rules-choice': 'which rule chose it',
      kind: 'an organisation',
      before: 'where the name stands',
      after: 'where the name stands',
      pattern: 'pattern:quote_,_said_name',
      'rank-before': 'its rank',
      'rank-after': 'its rank',
      pronoun: '`he said`',
      'role-noun': '`the ambassador said`',
      mentions: 'where the name stands',
      'most-mentioned': 'where the name stands',
      'previous-quote-speaker': 'whether it spoke the quote before',
      'one-word-name': 'named features',
      'long-name': 'named features',
      'has-role': 'named features',
      'description-words': 'named features',
      'reads-as-place': 'A place',
      'not-near': 'where the name stands',
    }
    for (const family of families) {
      expect(described[family], `feature family ${family} is not described in the README table`).toBeDefined()
      expect(section).toContain(described[family])
    }
  })
})

describe('quote engine: the quotation dash', () => {
  it('should read a horizontal bar (U+2015) after a quote as the signature dash', () => {
    const result = run('Voters wrote in after the debate.\n\n“He scares me.” ― Krystyna Wolska\n“He is obsessed with walls.” ― Omar Haddad')
    expect(speakerOf(result, 0)).toBe('Krystyna Wolska')
    expect(speakerOf(result, 1)).toBe('Omar Haddad')
  })
})

describe('speaker model: the candidates an editor sees', () => {
  it('should list the chosen speaker first, with its own confidence, even where the rules decided against the model', () => {
    const text = 'North Korean Ambassador Sin Son Ho spoke on Friday.\n\nThe stalled talks involving the two Koreas, the U.S., Japan, China and Russia, the ambassador said, "are gone forever."'
    const result = run(text)
    const quote = result.quotes[0]
    expect(speakerOf(result, 0)).toBe('Sin Son Ho')
    expect(quote?.candidates?.[0]?.name).toBe('Sin Son Ho')
    expect(quote?.candidates?.[0]?.confidence).toBe(quote?.confidence)
  })
})
