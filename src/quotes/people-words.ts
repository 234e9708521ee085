/**
 * Small word lists for reading names, titles and organisations. Lower-case keys.
 *
 * Hand-written and short on purpose: they describe English news style (AP titles,
 * honorifics, the nouns organisations are named with), never particular people.
 */

/** Honorifics stripped from names; the value is the gender they imply, if any. */
export const HONORIFICS: ReadonlyMap<string, 'male' | 'female' | undefined> = new Map([
  ['mr.', 'male'], ['mr', 'male'], ['mrs.', 'female'], ['mrs', 'female'], ['ms.', 'female'], ['ms', 'female'], ['miss', 'female'], ['mister', 'male'],
  ['sir', 'male'], ['dame', 'female'], ['lord', 'male'], ['lady', 'female'],
  ['dr.', undefined], ['dr', undefined], ['prof.', undefined], ['rev.', undefined], ['sen.', undefined], ['rep.', undefined], ['gov.', undefined],
  ['gen.', undefined], ['lt.', undefined], ['col.', undefined], ['sgt.', undefined], ['capt.', undefined], ['adm.', undefined], ['maj.', undefined],
  ['reps.', undefined],
])

/**
 * Title words: before a name they make the role (`State Department spokesman Philip
 * Crowley`); capitalised ones (`Ambassador Sin`) are also honorifics to strip.
 */
export const TITLE_WORDS: ReadonlySet<string> = new Set([
  'ambassador', 'secretary', 'spokesman', 'spokeswoman', 'spokesperson', 'chairman', 'chairwoman', 'chair', 'director', 'analyst', 'minister',
  'president', 'vice', 'senator', 'governor', 'mayor', 'leader', 'speaker', 'representative', 'congressman', 'congresswoman', 'chief', 'officer',
  'judge', 'justice', 'general', 'professor', 'adviser', 'advisor', 'aide', 'strategist', 'manager', 'counsel', 'attorney', 'lawyer', 'commissioner',
  'anchor', 'host', 'reporter', 'correspondent', 'editor', 'columnist', 'writer', 'journalist', 'economist', 'researcher', 'scientist', 'expert',
  'candidate', 'nominee', 'contender', 'front-runner', 'frontrunner', 'rival', 'challenger', 'incumbent', 'member', 'delegate', 'dean', 'chancellor',
  'head', 'founder', 'executive', 'ceo', 'cfo', 'coo', 'owner', 'partner', 'pastor', 'bishop', 'pope', 'king', 'queen', 'prince', 'princess', 'emperor',
  'premier', 'prosecutor', 'sheriff', 'detective', 'sergeant', 'lieutenant', 'captain', 'colonel', 'commander', 'admiral', 'major', 'deputy',
  'assistant', 'associate', 'undersecretary', 'envoy', 'diplomat', 'official', 'activist', 'organizer', 'pollster', 'consultant', 'operative',
  'chairperson', 'treasurer', 'clerk', 'whip', 'lawmaker', 'legislator', 'councilman', 'councilwoman', 'alderman', 'superintendent', 'principal',
  'coach', 'player', 'actor', 'actress', 'singer', 'star', 'comedian', 'author', 'historian', 'scholar', 'economist', 'star', 'physician', 'doctor',
  'nurse', 'officer', 'agent', 'investigator', 'inspector', 'administrator', 'coordinator', 'president-elect', 'emeritus', 'rabbi', 'imam', 'cardinal',
  'sen.', 'rep.', 'gov.', 'gen.', 'lt.', 'col.', 'dr.', 'prof.', 'rev.', 'sgt.', 'capt.', 'adm.', 'maj.', 'reps.',
])

/** Nouns that head organisation names (`Foreign Ministry`, `Los Angeles Times`). */
export const ORG_WORDS: ReadonlySet<string> = new Set([
  'ministry', 'department', 'agency', 'news', 'committee', 'office', 'council', 'party', 'campaign', 'institute', 'university', 'college', 'school',
  'center', 'centre', 'times', 'post', 'journal', 'tribune', 'herald', 'gazette', 'daily', 'magazine', 'press', 'board', 'commission', 'court',
  'bank', 'fund', 'service', 'services', 'association', 'union', 'foundation', 'corp', 'corp.', 'inc', 'inc.', 'co.', 'group', 'senate', 'house',
  'congress', 'administration', 'network', 'company', 'bureau', 'authority', 'organization', 'organisation', 'federation', 'coalition', 'alliance',
  'caucus', 'project', 'society', 'trust', 'reserve', 'police', 'army', 'navy', 'force', 'guard', 'government', 'parliament', 'assembly', 'cabinet',
  'mission', 'embassy', 'nations', 'states', 'state', 'tower', 'street', 'island', 'square', 'church', 'hospital', 'airport', 'station',
  'club', 'team', 'league', 'network', 'channel', 'radio', 'television', 'tv', 'media', 'industries', 'systems', 'technologies', 'holdings', 'partners',
  'motors', 'airlines', 'pictures', 'records', 'studios', 'labs', 'laboratory', 'library', 'museum', 'academy', 'convention', 'conference', 'summit',
  'program', 'programme', 'initiative', 'watch', 'review', 'report', 'reports', 'blog', 'website', 'site', 'court', 'county', 'city', 'republic',
  'kingdom', 'ministry', 'secretariat', 'directorate', 'command', 'pentagon', 'fbi', 'cia', 'nsa', 'un', 'nato', 'eu', 'gop', 'rnc', 'dnc', 'cbo',
  'chamber', 'commerce', 'district', 'cooperative', 'co-op', 'clinic', 'utility', 'utilities', 'exchange', 'consortium',
])

/** Nouns that make a lower-case subject an organisation rather than a group of people. */
export const ORG_HEAD_NOUNS: ReadonlySet<string> = new Set([
  'board', 'company', 'campaign', 'committee', 'agency', 'office', 'department', 'ministry', 'commission', 'court', 'government', 'administration',
  'council', 'university', 'school', 'newspaper', 'network', 'group', 'firm', 'bank', 'party', 'organization', 'organisation', 'union', 'team',
  'report', 'statement', 'letter', 'website', 'site', 'study', 'survey', 'poll', 'filing', 'lawsuit', 'complaint', 'memo', 'document', 'release',
  'tabloid', 'magazine', 'paper', 'station', 'channel', 'show', 'program', 'institute', 'foundation', 'center', 'agency', 'bureau', 'panel',
])

/** Role nouns that refer back to a person already named: `the ambassador`, `the senator`. */
export const ROLE_NOUN_EQUIVALENTS: ReadonlyMap<string, readonly string[]> = new Map([
  ['ambassador', ['ambassador']],
  ['senator', ['senator', 'sen.']],
  ['governor', ['governor', 'gov.']],
  ['congressman', ['congressman', 'rep.', 'representative']],
  ['congresswoman', ['congresswoman', 'rep.', 'representative']],
  ['representative', ['representative', 'rep.']],
  ['president', ['president']],
  ['secretary', ['secretary']],
  ['spokesman', ['spokesman', 'spokesperson']],
  ['spokeswoman', ['spokeswoman', 'spokesperson']],
  ['chairman', ['chairman', 'chair']],
  ['chairwoman', ['chairwoman', 'chair']],
  ['mayor', ['mayor']],
  ['minister', ['minister']],
  ['dean', ['dean']],
  ['director', ['director']],
  ['analyst', ['analyst']],
  ['candidate', ['candidate', 'nominee']],
  ['nominee', ['nominee', 'candidate']],
  ['judge', ['judge']],
  ['general', ['general', 'gen.']],
  ['leader', ['leader']],
  ['speaker', ['speaker']],
  ['host', ['host']],
  ['anchor', ['anchor']],
  ['professor', ['professor', 'prof.']],
  ['economist', ['economist']],
  ['lawyer', ['lawyer', 'attorney']],
  ['attorney', ['attorney', 'lawyer']],
  ['prosecutor', ['prosecutor']],
  ['official', ['official']],
  ['chief', ['chief']],
  ['premier', ['premier']],
])

/** Words joining a name's parts that are not capitalised: `Ludwig van Beethoven`. */
export const NAME_PARTICLES: ReadonlySet<string> = new Set(['de', 'del', 'della', 'der', 'van', 'von', 'al', 'bin', 'ibn', 'da', 'di', 'du', 'la', 'le', 'st.', 'y'])

/** Name suffixes kept with the name. */
export const NAME_SUFFIXES: ReadonlySet<string> = new Set(['jr.', 'jr', 'sr.', 'sr', 'ii', 'iii', 'iv'])

/** Capitalised words that start sentences or sit in names but are never names themselves. */
export const NOT_NAME_WORDS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'and', 'but', 'or', 'nor', 'so', 'yet', 'for', 'in', 'on', 'at', 'to', 'of', 'by', 'with', 'from', 'as', 'if', 'when', 'while',
  'after', 'before', 'since', 'because', 'although', 'though', 'that', 'this', 'these', 'those', 'there', 'here', 'it', 'its', 'he', 'she', 'they', 'we',
  'i', 'you', 'his', 'her', 'their', 'our', 'my', 'your', 'who', 'what', 'which', 'where', 'why', 'how', 'not', 'no', 'yes', 'all', 'some', 'many',
  'most', 'more', 'much', 'one', 'two', 'three', 'each', 'every', 'both', 'either', 'neither', 'other', 'another', 'such', 'even', 'also', 'still',
  'then', 'now', 'last', 'next', 'first', 'during', 'over', 'under', 'about', 'among', 'between', 'into', 'through', 'until', 'unless', 'despite',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july',
  'august', 'september', 'october', 'november', 'december', 'jan.', 'feb.', 'aug.', 'sept.', 'oct.', 'nov.', 'dec.', 'asked', 'like', 'unlike',
  'following', 'according', 'meanwhile', 'however', 'instead', 'indeed', 'still', 'just', 'only', 'already', 'again', 'earlier', 'later', 'today',
  'yesterday', 'tomorrow', 'tonight', 'editor', 'note', 'follow', 'watch', 'read', 'via', 'photo', 'video', 'update', 'updated',
  'top', 'former', 'senior', 'new', 'local', 'several', 'few', 'any', 'based', 'reached', 'partial', 'full', 'text', 'abstract',
  'democrat', 'democrats', 'democratic', 'republican', 'republicans', 'american', 'americans', 'conservative', 'conservatives', 'liberal',
  'liberals', 'independent', 'independents', 'progressive', 'progressives', 'muslim', 'muslims', 'christian', 'christians', 'jewish',
])

/** Personal pronouns that can be a speaker, with the gender and number they carry. */
export const SUBJECT_PRONOUNS: ReadonlyMap<string, 'male' | 'female' | 'plural' | 'other'> = new Map([
  ['he', 'male'], ['she', 'female'], ['they', 'plural'], ['it', 'other'], ['we', 'plural'], ['i', 'other'],
])

/** Lower-case words that may sit before a title inside a role: `former campaign spokesman`. */
export const ROLE_MODIFIERS: ReadonlySet<string> = new Set([
  'former', 'presidential', 'vice-presidential', 'campaign', 'press', 'senior', 'top', 'deputy', 'acting', 'then', 'longtime', 'foreign', 'affairs',
  'republican', 'democratic', 'news', 'show', 'talk', 'network', 'party', 'state', 'federal', 'national', 'political', 'policy', 'economic', 'fellow',
  'presumptive', 'likely', 'leading', 'executive', 'general', 'legal', 'communications', 'special', 'majority', 'minority', 'chief', 'assistant',
  'associate', 'managing', 'local', 'county', 'city', 'senate', 'house', 'white', 'defense', 'security', 'intelligence', 'military', 'tv', 'radio',
  'conservative', 'liberal', 'progressive', 'independent', 'regional', 'international', 'u.s.', 'gop', 'retired', 'veteran', 'outgoing', 'incoming',
  'interim', 'founding', 'co-founder', 'prime', 'first', 'lead', 'principal', 'staff', 'finance', 'health', 'justice', 'education', 'energy', 'budget',
  'election', 'elections', 'media', 'digital', 'research', 'program', 'public', 'company', 'union', 'team', 'board', 'university', 'school', 'court',
  'new', 'american', 'democrat', 'muslim', 'christian', 'jewish',
])

/** Words that end a lower-case chunk going left: prepositions, conjunctions, auxiliaries. */
export const CHUNK_STOP: ReadonlySet<string> = new Set([
  'of', 'to', 'for', 'with', 'by', 'from', 'in', 'on', 'at', 'about', 'over', 'into', 'after', 'before', 'against', 'than', 'like', 'as', 'and', 'or',
  'but', 'that', 'which', 'who', 'whom', 'whose', 'when', 'while', 'because', 'if', 'is', 'was', 'were', 'are', 'be', 'been', 'being', 'has', 'have',
  'had', 'do', 'did', 'does', 'will', 'would', 'could', 'should', 'may', 'might', 'can', 'must', 'not', 'him', 'them', 'us', 'me', 'it', 'this',
  'there', 'so', 'also', 'even', 'just', 'only', 'then', 'now', 'said', 'says', 'say', 'told', 'where', 'what', 'how', 'why', 'during', 'since',
  'though', 'although', 'whereas', 'unless', 'until', 'whether', 'yet', 'nor',
])

/** Words that open a noun phrase before its head: `the`, `his`, `several`. */
export const DETERMINERS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'one', 'some', 'many', 'several', 'multiple', 'two', 'three', 'four', 'his', 'her', 'their', 'its', 'our', 'most', 'other',
  'both', 'all', 'another', 'those', 'these', 'few', 'dozens', 'hundreds',
])
