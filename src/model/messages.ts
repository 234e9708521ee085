/**
 * The catalogue of content messages: every `ruleId` Dateline reports, with what it means
 * and how to fix it. Rule ids are permanent (editors search for them); `docs/messages.md`
 * is checked against this table by a test.
 */

export type Severity = 'error' | 'warning' | 'info'

export interface RuleInfo {
  /**
   * `error`: the article (or the build) cannot be published as is; `warning`: it is published,
   * with something dropped or worked around; `info`: nothing is wrong with the copy, an
   * editor may want to act (`dateline check` lists these; `build` only counts them).
   */
  readonly severity: Severity
  /** One line: what happened. */
  readonly title: string
  /** What to do about it. */
  readonly hint: string
}

export const rules = {
  'file-encoding': {
    severity: 'error',
    title: 'The file is not valid UTF-8 text.',
    hint: 'Save the file as UTF-8 (without NUL bytes); binary files do not belong in `content/`.',
  },
  'file-too-large': {
    severity: 'error',
    title: 'The file is larger than the size limit for one article.',
    hint: 'Split the article: a file over 256 KiB is refused, so that every file parses in bounded time (the longest real stories are about 50 KB).',
  },
  'file-symlink': {
    severity: 'warning',
    title: 'A symbolic link in the content folder was not followed.',
    hint: 'Copy the file into `content/` instead of linking to it.',
  },
  'file-unreadable': {
    severity: 'error',
    title: 'The file could not be read: it is missing, a folder, or not readable.',
    hint: 'Check that the file exists and that the user running `dateline` can read it; the message says which.',
  },
  'folder-unreadable': {
    severity: 'error',
    title: 'A folder in the content folder could not be read, so none of its articles were built; the rest of the site was.',
    hint: 'Check the folder’s permissions (it must be readable and searchable, `chmod u+rx`), or move it out of the content folder.',
  },
  'front-matter-language': {
    severity: 'error',
    title: 'Front matter in a language other than YAML is refused.',
    hint: 'Open front matter with `---` (or `---yaml`); executable front matter such as `---js` is never run.',
  },
  'front-matter-unclosed': {
    severity: 'error',
    title: 'The front matter block has no closing `---` line.',
    hint: 'Add a line with `---` after the last front matter field.',
  },
  'front-matter-yaml': {
    severity: 'error',
    title: 'The front matter is not valid YAML.',
    hint: 'Fix the YAML at the position shown; quote values that contain `:` or `#`.',
  },
  'front-matter-type': {
    severity: 'error',
    title: 'A front matter field has a value of the wrong type or form.',
    hint: 'See the content format in the README for each field’s type.',
  },
  'front-matter-unknown-key': {
    severity: 'warning',
    title: 'A front matter field is not one Dateline knows; it is ignored.',
    hint: 'Check the spelling against the content format in the README.',
  },
  'date-invalid': {
    severity: 'error',
    title: 'A date is not a real ISO date, or a date-time has no UTC offset.',
    hint: 'Write `2026-09-21` or `2026-09-21T14:30:00-04:00`; a time without an offset would shift with the build machine’s time zone.',
  },
  'wire-chrome-dropped': {
    severity: 'warning',
    title: 'Lines before the headline of wire copy were dropped as site chrome.',
    hint: 'Nothing to do if they were navigation or boilerplate; otherwise move them below the headline.',
  },
  'wire-headline-missing': {
    severity: 'error',
    title: 'Wire copy has no headline line before its body.',
    hint: 'Put the headline on its own line, followed by a blank line, above the first paragraph.',
  },
  'wire-metadata-default': {
    severity: 'warning',
    title: 'Wire copy cannot carry a date or section; a default was used.',
    hint: 'Name the file `YYYY-MM-DD-slug.txt` and put it in a section folder, or convert it with `dateline import`.',
  },
  'markdown-raw-html': {
    severity: 'warning',
    title: 'Raw HTML in the article body was dropped.',
    hint: 'Write the content in Markdown; embeds need a template, not inline HTML.',
  },
  'markdown-unsupported': {
    severity: 'warning',
    title: 'A Markdown construct that news articles do not use was dropped.',
    hint: 'Rewrite it as paragraphs, subheadings, lists, quotes or images.',
  },
  'markdown-too-deep': {
    severity: 'warning',
    title: 'Blockquotes or lists are nested deeper than a story needs; the lines that nest deeper were dropped.',
    hint: 'Flatten the nesting: a story rarely needs more than two levels of lists or quotes.',
  },
  'url-unsafe': {
    severity: 'warning',
    title: 'A link or image URL with a scheme other than `http`, `https` or `mailto` was dropped; its words were kept.',
    hint: 'Link to an `https://` address or a relative path; `javascript:`, `data:` and `vbscript:` URLs are never published.',
  },
  'image-missing': {
    severity: 'warning',
    title: 'An image the story uses would be missing from the site: there is no such file in the content folder, or it cannot be copied.',
    hint: 'Put the image beside the story (`bridge.jpg`) or under the content folder (`/images/bridge.jpg`), as a JPEG, PNG, GIF, WebP or AVIF file.',
  },
  'quote-unbalanced': {
    severity: 'warning',
    title: 'A quotation mark has no partner.',
    hint: 'Close the quotation, or, for a quote that runs over paragraphs, open the next paragraph with a quotation mark.',
  },
  'quote-unattributed': {
    severity: 'warning',
    title: 'A quotation has no speaker in the copy.',
    hint: 'Attribute it (`said Jane Doe`), or drop the quotation marks if it is not a quote.',
  },
  'quote-override-unknown': {
    severity: 'error',
    title: 'A `quotes:` override names a quote the story does not have.',
    hint: 'Use an id that `dateline check` or `dateline parse FILE --json` shows (`q-3`), or the quote’s first words exactly as printed (`"a funny lady"`).',
  },
  'quote-override-ambiguous': {
    severity: 'error',
    title: 'A `quotes:` override’s first words start more than one quote.',
    hint: 'Give more of the quote’s first words, or its id (`q-3`).',
  },
  'quote-override-conflict': {
    severity: 'error',
    title: 'Two `quotes:` overrides are about the same quote.',
    hint: 'Keep one of them: an id and the same quote’s first words name one quote.',
  },
  'quote-override-speaker': {
    severity: 'error',
    title: 'A `quotes:` override names a speaker the story does not mention, or one name that fits more than one person in it.',
    hint: 'Name the speaker as the story does: a full name (`Pamela Falk`), a form the story uses for them (`Ambassador Sin`), or an organisation or description printed in the story (`North Korea’s Foreign Ministry`); write `not a quote` to drop the quote.',
  },
  'quote-held-back': {
    severity: 'info',
    title: 'An attribution is held back: the site shows the quote without its speaker until an editor confirms it.',
    hint: 'If the speaker is right, confirm it with the front matter line the message gives (`quotes: { q-4: Pamela Falk }`); if not, name the right one the same way, or write `q-4: not a quote`. `attribution.threshold` in dateline.config.json sets the bar for the whole site.',
  },
  'people-file-yaml': {
    severity: 'error',
    title: 'The people file (`content/people.yml`) is not valid YAML.',
    hint: 'Fix the YAML at the position shown; the site is built as if there were no people file until then.',
  },
  'people-file-type': {
    severity: 'error',
    title: 'The people file (`content/people.yml`) does not have the expected shape.',
    hint: 'Write a list of people, each `- name: …` with optional `role: …`, `aliases: [...]` and `distinct: [...]`; see the README. The site is built as if there were no people file until then.',
  },
  'people-file-conflict': {
    severity: 'error',
    title: 'The people file (`content/people.yml`) gives one name to two people, or says a person’s name is distinct from itself.',
    hint: 'Each name (canonical or alias) belongs to one entry; list a name under `distinct` only for names that are someone else. The site is built as if there were no people file until then.',
  },
  'slug-invalid': {
    severity: 'error',
    title: 'The slug cannot be used in a URL.',
    hint: 'Use letters, digits and hyphens: `budget-vote-delayed`.',
  },
  'section-reserved': {
    severity: 'error',
    title: 'The section’s URL is one the site uses for its own pages.',
    hint: 'Rename the section (or its folder): `tags`, `authors`, `people`, `quotes`, `search`, `assets`, `pagefind` and `page` are taken.',
  },
  'url-collision': {
    severity: 'error',
    title: 'Two articles would be written to the same URL.',
    hint: 'Give one of them a different `slug` or `section`.',
  },
  'config-json': {
    severity: 'error',
    title: 'The configuration file is not valid JSON.',
    hint: 'Fix the JSON at the position shown: keys and text in double quotes, commas between entries and none after the last.',
  },
  'config-unknown-key': {
    severity: 'error',
    title: 'The configuration has a key Dateline does not know.',
    hint: 'Check the spelling against Configuration in the README; a key Dateline ignored would hide a typo.',
  },
  'config-invalid': {
    severity: 'error',
    title: 'A configuration value has the wrong type or form.',
    hint: 'See Configuration in the README for what each key takes.',
  },
  'block-too-long': {
    severity: 'error',
    title: 'A block of text with no blank line in it is longer than parsing allows (16,384 characters), so the file was skipped.',
    hint: 'Separate the paragraphs with blank lines; a story’s paragraphs are rarely longer than 2,000 characters.',
  },
  'quotes-too-many': {
    severity: 'error',
    title: 'The story holds more quotations than parsing allows (1,000), so the file was skipped.',
    hint: 'Split the story, or check for stray quotation marks (a file of code or data is no story).',
  },
  'parse-timeout': {
    severity: 'error',
    title: 'Parsing the file ran past the time limit, a last guard that a file within the input bounds never reaches, so it was skipped.',
    hint: 'The file is within the input bounds, so it parses in about a second: build again when the machine is less busy, and if it happens again, report the file (it is a parser bug). The rest of the site was built.',
  },
} as const satisfies Record<string, RuleInfo>

export type RuleId = keyof typeof rules
