// Search page: loads the Pagefind index (pagefind/, written after the build) and lists the
// matching stories. Runs entirely in the browser; the page works from any static host and
// any base path, which the search page passes in as data attributes.
const script = document.querySelector('script[data-pagefind]')
const form = document.querySelector('.search-form')
const input = document.getElementById('search-q')
const status = document.getElementById('search-status')
const list = document.getElementById('search-results')

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
// the delta is and which stories of the main index it replaces or removes.
let index
function loadIndex() {
  index ??= (async () => {
    const base = script.dataset.base
    const pagefind = await import(`${script.dataset.pagefind}pagefind.js`)
    await pagefind.options({ baseUrl: base })
    const response = await fetch(`${script.dataset.pagefind}dateline-search.json`).catch(() => undefined)
    const state = response?.ok ? await response.json() : { shards: [], delta: null, superseded: [] }
    // Merged side by side: each merge fetches its own bundle's entry file, and a large
    // archive has a shard per 2,000 stories. Pagefind keeps them in the order asked for.
    const bundles = [...(state.shards ?? []), ...(state.delta ? [state.delta] : [])]
    await Promise.all(bundles.map((bundle) => pagefind.mergeIndex(`${base}${bundle}`, { baseUrl: base })))
    return { pagefind, superseded: new Set(state.superseded) }
  })()
  return index
}

async function run(query) {
  list.replaceChildren()
  if (query.trim() === '') {
    status.textContent = ''
    return
  }
  status.textContent = 'Searching…'
  try {
    const { pagefind, superseded } = await loadIndex()
    const search = await pagefind.search(query)
    // A story changed since the main index was built is found in both bundles: keep the delta's.
    const found = await Promise.all(search.results.slice(0, 40).map((result) => result.data()))
    const results = found.filter((result) => result.meta?.delta === 'yes' || !superseded.has(result.meta?.path ?? '')).slice(0, 20)
    for (const result of results) {
      const item = document.createElement('li')
      item.className = 'search-results__item'
      const heading = document.createElement('h2')
      heading.className = 'search-results__title'
      const link = document.createElement('a')
      link.href = result.url
      link.textContent = result.meta?.title ?? result.url
      heading.append(link)
      const excerpt = document.createElement('p')
      excerpt.append(...excerptNodes(result.excerpt ?? ''))
      item.append(heading, excerpt)
      list.append(item)
    }
    status.textContent = results.length === 1 ? '1 story found' : `${results.length} stories found`
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
void run(initial)
