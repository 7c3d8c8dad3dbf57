/** Word lists that tell people from organisations and titles from names. */

export const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'lord', 'lady']);

/** Words that make a capitalised run a title ("Treasury Secretary", "Prime Minister"). */
export const TITLES = new Set([
  'president', 'vice', 'secretary', 'minister', 'prime', 'premier', 'chancellor', 'senator', 'sen',
  'governor', 'gov', 'mayor', 'deputy', 'chief', 'executive', 'officer', 'director', 'judge', 'justice',
  'general', 'gen', 'commissioner', 'ambassador', 'representative', 'rep', 'congressman',
  'congresswoman', 'speaker', 'leader', 'professor', 'prof', 'king', 'queen', 'prince', 'princess',
  'pope', 'bishop', 'archbishop', 'coach', 'captain', 'capt', 'treasury', 'foreign', 'defence',
  'defense', 'health', 'finance', 'home', 'attorney', 'police', 'chairman', 'chairwoman', 'chair',
  'superintendent', 'inspector', 'detective', 'sergeant', 'constable', 'councillor', 'councilman',
  'councilwoman', 'councilor', 'ceo', 'cfo', 'coo', 'founder', 'manager', 'head', 'commander',
  'colonel', 'lieutenant', 'major', 'admiral', 'state', 'interior', 'education', 'energy', 'trade',
  'economy', 'transport', 'justice', 'environment', 'labour', 'labor', 'agriculture', 'culture',
  'sheriff', 'principal', 'dean', 'rabbi', 'imam', 'reverend', 'rev', 'father', 'sister', 'economist',
  'spokesman', 'spokeswoman', 'spokesperson', 'minister’s', 'cardinal', 'mp', 'mep', 'senior',
  'shadow', 'opposition', 'party', 'assistant', 'associate', 'lawmaker', 'auditor', 'controller',
  'comptroller', 'envoy', 'counsel', 'analyst', 'editor', 'chancellor’s', 'district', 'supreme',
  'court', 'us', 'u.s', 'uk', 'eu', 'un',
]);

/** Words a title may carry between its capitalised words ("Secretary of State"). */
export const TITLE_LINKS = new Set(['of', 'for', 'the', 'and']);

/** Links inside names (Ursula von der Leyen, Abdel Fattah al-Sisi). */
export const NAME_LINKS = new Set(['of', 'de', 'del', 'della', 'da', 'do', 'dos', 'van', 'von', 'der', 'den', 'la', 'le', 'du', 'bin', 'al', 'el', 'ter', 'for']);

/** Words that make a capitalised run an organisation, not a person. */
export const ORG_WORDS = new Set([
  'inc', 'corp', 'corporation', 'company', 'co', 'ltd', 'plc', 'llc', 'group', 'bank', 'ministry',
  'department', 'university', 'college', 'school', 'council', 'agency', 'party', 'government',
  'association', 'union', 'office', 'commission', 'committee', 'institute', 'authority', 'police',
  'court', 'board', 'service', 'services', 'foundation', 'news', 'times', 'press',
  'journal', 'house', 'post', 'press', 'trust', 'city', 'act', 'show', 'road', 'avenue', 'square', 'south', 'east', 'network', 'club', 'fc', 'league', 'federation', 'federal', 'senate', 'congress',
  'parliament', 'army', 'force', 'navy', 'airlines', 'airways', 'motors', 'technologies', 'systems',
  'labs', 'hospital', 'centre', 'center', 'museum', 'fund', 'reserve', 'organisation', 'organization',
  'society', 'alliance', 'coalition', 'front', 'movement', 'federation', 'exchange', 'international',
  'media', 'holdings', 'partners', 'capital', 'energy', 'industries', 'railway', 'airport', 'city',
  'county', 'state', 'states', 'republic', 'kingdom', 'nations', 'square',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january',
  'february', 'april', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'festival', 'cup', 'championship', 'games', 'olympics', 'report',
  'program', 'programme', 'project', 'app', 'store', 'market', 'markets', 'index', 'island', 'islands',
  'river', 'valley', 'mountain', 'region', 'province', 'district', 'north',
  'europe', 'africa', 'asia', 'america', 'china', 'india', 'russia', 'australia', 'britain',
  // Places and news outlets: "on Lake Vermeer", "told the Meridian Herald".
  'lake', 'bay', 'mount', 'street', 'bridge', 'harbour', 'harbor', 'port', 'beach', 'park', 'forest',
  'herald', 'guardian', 'telegraph', 'gazette', 'tribune', 'chronicle', 'ledger', 'courier', 'radio',
  'television', 'tv', 'magazine', 'daily', 'weekly', 'sports', 'reuters', 'bbc', 'cnn',
]);

/** Capitalised words that start sentences rather than names. */
export const STOPWORDS = new Set([
  'the', 'a', 'an', 'in', 'on', 'at', 'for', 'but', 'and', 'or', 'after', 'before', 'when', 'while', 'if',
  'this', 'that', 'these', 'those', 'it', 'he', 'she', 'they', 'we', 'i', 'his', 'her', 'their', 'our',
  'its', 'as', 'by', 'from', 'with', 'without', 'last', 'next', 'according', 'just', 'meanwhile',
  'however', 'despite', 'during', 'since', 'under', 'over', 'although', 'also', 'so', 'yet', 'then',
  'there', 'here', 'speaking', 'asked', 'earlier', 'later', 'today', 'yesterday', 'now', 'still',
  'both', 'neither', 'not', 'only', 'even', 'instead', 'what', 'why', 'how', 'where', 'who', 'one',
  'two', 'some', 'many', 'most', 'all', 'every', 'each', 'like', 'unlike', 'until', 'about', 'to', 'of',
  'writing', 'announcing', 'others', 'several', 'few', 'none', 'everyone', 'everybody', 'nobody', 'somebody',
  'someone', 'anyone', 'critics', 'officials', 'residents', 'experts', 'analysts', 'campaigners', 'police', 'responding', 'addressing', 'my', 'your', 'no', 'yes', 'thanks', 'dear',
]);

export const PRONOUNS = new Set(['he', 'she', 'it', 'they', 'we', 'i']);

export const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'his', 'her', 'their', 'our', 'one', 'another', 'this', 'that']);

/** Lowercase nouns that stand for an organisation ("the company said", "the statement added"). */
export const ORG_NOUNS = new Set([
  'company', 'firm', 'group', 'statement', 'ministry', 'department', 'agency', 'government', 'council',
  'organisation', 'organization', 'bank', 'club', 'party', 'league', 'union', 'association', 'institute',
  'university', 'school', 'hospital', 'board', 'commission', 'committee', 'office', 'service', 'authority',
  'team', 'network', 'website', 'report', 'charity', 'campaign', 'operator', 'regulator', 'insurer',
  'retailer', 'airline', 'carmaker', 'manufacturer', 'broadcaster', 'publisher', 'developer', 'platform',
  'startup', 'business', 'brand', 'label', 'studio', 'court', 'federation', 'body', 'watchdog', 'trust',
  'foundation', 'zoo', 'museum', 'police', 'force', 'army', 'navy', 'embassy', 'release', 'letter', 'post',
  'announcement', 'filing', 'notice', 'email', 'memo',
  // Documents that are cited as sources: "according to the review".
  'review', 'study', 'survey', 'paper', 'indictment', 'complaint', 'lawsuit', 'ruling', 'judgment',
  'document', 'documents', 'transcript', 'audit', 'inquiry', 'investigation', 'minutes', 'findings',
]);

/** Lowercase nouns for a person whose name the text does not give ("a spokeswoman for X"). */
export const SPEAKER_NOUNS = new Set([
  'spokesman', 'spokeswoman', 'spokesperson', 'official', 'source', 'witness', 'resident', 'lawyer',
  'attorney', 'analyst', 'expert', 'doctor', 'nurse', 'teacher', 'student', 'neighbour', 'neighbor',
  'spokesmen', 'officials', 'sources', 'insider', 'aide', 'diplomat', 'representative', 'employee',
  'worker', 'farmer', 'owner', 'passenger', 'fan', 'voter', 'parent', 'organiser', 'organizer',
  'consultant', 'engineer', 'protester', 'prosecutor', 'investigator', 'officer', 'scientist',
  'researcher', 'campaigner', 'activist', 'member', 'survivor', 'victim', 'customer', 'user',
  ...['mother', 'father', 'son', 'daughter', 'wife', 'husband', 'brother', 'partner', 'widow', 'widower',
    'friend', 'colleague', 'uncle', 'aunt', 'grandmother', 'grandfather', 'cousin', 'boss', 'girlfriend',
    'boyfriend'],
]);

/** Kin and other relations: "His daughter, Morag", "his mother told reporters". */
export const KIN_NOUNS = new Set([
  'mother', 'father', 'son', 'daughter', 'wife', 'husband', 'brother', 'sister', 'partner', 'widow',
  'widower', 'friend', 'colleague', 'uncle', 'aunt', 'grandmother', 'grandfather', 'cousin', 'boss',
  'girlfriend', 'boyfriend', 'predecessor', 'successor', 'deputy', 'lawyer', 'spokesman', 'spokeswoman',
  'spokesperson',
]);

/** Plural nouns that speak as a group with no determiner: "police said", "say midwives". */
export const GROUP_NOUNS = new Set([
  'police', 'officials', 'authorities', 'prosecutors', 'investigators', 'officers', 'firefighters',
  'campaigners', 'activists', 'critics', 'analysts', 'experts', 'residents', 'protesters', 'witnesses',
  'doctors', 'nurses', 'midwives', 'teachers', 'scientists', 'researchers', 'economists', 'lawmakers',
  'senators', 'sources', 'diplomats', 'forecasters', 'regulators', 'organisers', 'organizers', 'rescuers',
  'paramedics', 'engineers', 'lawyers', 'unions', 'villagers', 'locals', 'troops', 'rebels', 'militants',
  'opponents', 'supporters', 'fans', 'parents', 'students', 'workers', 'employees', 'farmers', 'voters',
  'scholars', 'historians', 'insiders', 'aides', 'observers', 'agencies', 'ministers', 'legislators',
]);
