// Search page: loads the Pagefind index (pagefind/, written after the build) and lists the
// matching stories. Runs entirely in the browser; the page works from any static host and
// any base path, which the search page passes in as data attributes.
const script = document.querySelector('script[data-pagefind]')
const form = document.querySelector('.search-form')
const input = document.getElementById('search-q')
const status = document.getElementById('search-status')
const list = document.getElementById('search-results')
const more = document.getElementById('search-more')
const moreButton = more.querySelector('button')
const shown = document.getElementById('search-shown')

// Results shown at a time: Pagefind finds every match at once, but each result's data (its
// URL, headline, excerpt) is a file of its own, fetched only when the result is shown.
const pageSize = 20
// How Pagefind marks an excerpt that starts or ends inside the text.
const ellipsis = '…'

// Pagefind's excerpt is text with <mark> around the hits. Copy only text and marks into
// the page, never markup as HTML.
function excerptNodes(excerpt) {
  const parsed = new DOMParser().parseFromString(`<p>${excerpt}</p>`, 'text/html')
  const nodes = []
  for (const node of parsed.body.firstChild?.childNodes ?? []) {
    if (node.nodeName === 'MARK') {
      const mark = document.createElement('mark')
      mark.textContent = node.textContent
      nodes.push(mark)
    } else nodes.push(document.createTextNode(node.textContent ?? ''))
  }
  return nodes
}

// The index is Pagefind's bundle in pagefind/, with the other shards of a large archive
// (pagefind/shards/N/) and, after rebuilds that indexed only the stories that changed, a
// delta bundle merged into it; pagefind/dateline-search.json lists the shards, says where
// the delta is and which results of the main index it replaces or removes (by Pagefind's
// result id, and by path).
let index
function loadIndex() {
  index ??= (async () => {
    const base = script.dataset.base
    const pagefind = await import(`${script.dataset.pagefind}pagefind.js`)
    await pagefind.options({ baseUrl: base, excerptEllipsis: ellipsis })
    const response = await fetch(`${script.dataset.pagefind}dateline-search.json`).catch(() => undefined)
    const state = response?.ok ? await response.json() : {}
    // Merged side by side: each merge fetches its own bundle's entry file, and a large
    // archive has a shard per 2,000 stories. Pagefind keeps them in the order asked for.
    const bundles = [...(state.shards ?? []), ...(state.delta ? [state.delta] : [])]
    await Promise.all(bundles.map((bundle) => pagefind.mergeIndex(`${base}${bundle}`, { baseUrl: base, excerptEllipsis: ellipsis })))
    return { pagefind, superseded: new Set(state.superseded ?? []), supersededIds: new Set(state.supersededIds ?? []) }
  })()
  return index
}

// The search being shown: its matches and how many are listed. A late answer to an
// earlier search is told apart by comparing with this object, and dropped.
let current = { matches: [], listed: 0, superseded: new Set(), loading: false }

function storiesFound(count) {
  return count === 1 ? '1 story found' : `${count.toLocaleString()} stories found`
}

function resultItem(result) {
  const item = document.createElement('li')
  item.className = 'search-results__item'
  if (result.meta?.section) {
    const section = document.createElement('p')
    section.className = 'kicker search-results__section'
    section.textContent = result.meta.section
    item.append(section)
  }
  const heading = document.createElement('h2')
  heading.className = 'search-results__title'
  const link = document.createElement('a')
  link.href = result.url
  link.textContent = result.meta?.title ?? result.url
  heading.append(link)
  const excerpt = document.createElement('p')
  excerpt.className = 'search-results__excerpt'
  excerpt.append(...excerptNodes(result.excerpt ?? ''))
  item.append(heading, excerpt)
  if (result.meta?.date) {
    const meta = document.createElement('p')
    meta.className = 'card__meta search-results__meta'
    const time = document.createElement('time')
    if (result.meta.datetime) time.dateTime = result.meta.datetime
    time.textContent = result.meta.date
    meta.append(time)
    item.append(meta)
  }
  return item
}

// List the next page of matches; with `focusFirst`, move the keyboard to the first of them.
async function listMore(focusFirst) {
  const search = current
  if (search.loading) return
  search.loading = true
  moreButton.disabled = true
  const batch = search.matches.slice(search.listed, search.listed + pageSize)
  const found = await Promise.all(batch.map((result) => result.data())).finally(() => {
    search.loading = false
    moreButton.disabled = false
  })
  if (search !== current) return
  const items = []
  for (const result of found) {
    // A main-bundle result for a story the delta replaces, in an index written before
    // the page could drop them by id: left out (the count above may then be high).
    if (result.meta?.delta !== 'yes' && search.superseded.has(result.meta?.path ?? '')) continue
    items.push(resultItem(result))
  }
  list.append(...items)
  search.listed += batch.length
  const remaining = search.matches.length - search.listed
  more.hidden = remaining <= 0
  shown.textContent = `Showing ${Math.min(search.listed, search.matches.length).toLocaleString()} of ${search.matches.length.toLocaleString()}.`
  moreButton.textContent = `Show ${Math.min(pageSize, remaining).toLocaleString()} more`
  if (focusFirst) items[0]?.querySelector('a')?.focus()
}

async function run(query) {
  const search = { matches: [], listed: 0, superseded: new Set(), loading: false }
  current = search
  list.replaceChildren()
  more.hidden = true
  if (query.trim() === '') {
    status.textContent = ''
    return
  }
  status.textContent = 'Searching…'
  try {
    const { pagefind, superseded, supersededIds } = await loadIndex()
    const answer = await pagefind.search(query)
    if (search !== current) return
    // Every match, ranked; the main bundle's results for stories the delta replaces are
    // dropped by id before any data is loaded, so the count is of the stories found.
    search.matches = answer.results.filter((result) => !supersededIds.has(result.id))
    search.superseded = superseded
    status.textContent = storiesFound(search.matches.length)
    await listMore(false)
  } catch (error) {
    index = undefined
    status.textContent = 'Search is not available: the search index was not built.'
    console.error(error)
  }
}

const initial = new URLSearchParams(location.search).get('q') ?? ''
input.value = initial
form.addEventListener('submit', (event) => {
  event.preventDefault()
  const url = new URL(location.href)
  url.searchParams.set('q', input.value)
  history.replaceState(null, '', url)
  void run(input.value)
})
moreButton.addEventListener('click', () => {
  void listMore(true)
})
void run(initial)
