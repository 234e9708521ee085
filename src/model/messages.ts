/**
 * The catalogue of content messages: every `ruleId` Dateline reports, with what it means
 * and how to fix it. Rule ids are permanent (editors search for them); `docs/messages.md`
 * is checked against this table by a test.
 */

export type Severity = 'error' | 'warning'

export interface RuleInfo {
  /** `error`: the article (or the build) cannot be published as is; `warning`: it is published. */
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
