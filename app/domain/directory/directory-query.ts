// The partner directory's search, as one query object that the clinic's directory page
// and `GET /api/v1/therapists` both read from URL parameters, so that a search can be bookmarked,
// shared and scripted alike. Pure: parsing names the parameter at fault, and the canonical URL
// leaves defaults out.
import { FOCUS_AREAS, FORMATS, isLanguageCode, isStateCode, languageLabel, MODALITIES, PAYERS, PHASES, stateName, type FocusArea, type Format, type LanguageCode, type Modality, type Payer, type Phase, type StateCode } from '#app/domain/reference/index.ts'

export const DIRECTORY_SORTS = ['relevance', 'distance', 'training'] as const
export type DirectorySort = (typeof DIRECTORY_SORTS)[number]
export const DIRECTORY_PAGE_SIZE = 20
export const DIRECTORY_MAX_PAGE_SIZE = 100
export const DIRECTORY_DEFAULT_RADIUS = 25
export const DIRECTORY_MAX_RADIUS = 200
/** The furthest page: past it, narrow the search (deep offsets cost the database more than they help anyone). */
export const DIRECTORY_MAX_PAGE = 500

export type DirectoryQuery = {
	/** Can see patients located in this state today: a license there, or (telehealth) a covering authorization. */
	state: StateCode | null
	/** Telehealth, or in person within `radiusMiles` of the clinic. */
	format: Format | null
	radiusMiles: number
	/** Offers every one of these phases. */
	phases: Phase[]
	/** Uses at least one of these approaches. */
	modalities: Modality[]
	/** Works with at least one of these. */
	focusAreas: FocusArea[]
	/** Speaks at least one of these. */
	languages: LanguageCode[]
	/** In this insurer's panel. */
	payer: Payer | null
	/** Self-pay within this budget per session, or a sliding scale. */
	maxRate: number | null
	/** true: accepting new referrals; false: not accepting; null: either. */
	accepting: boolean | null
	/** At least this many hours of KAP training. */
	minKapHours: number | null
	/** Part of the therapist's name. */
	name: string | null
	/** Only the clinic's preferred partners. */
	partnersOnly: boolean
	/** Supervised (associate) licences count too, as in a referral that accepts them (docs/product.md §3). */
	includeSupervised: boolean
	sort: DirectorySort
	page: number
	pageSize: number
}

export const DEFAULT_DIRECTORY_QUERY: DirectoryQuery = {
	state: null,
	format: null,
	radiusMiles: DIRECTORY_DEFAULT_RADIUS,
	phases: [],
	modalities: [],
	focusAreas: [],
	languages: [],
	payer: null,
	maxRate: null,
	accepting: null,
	minKapHours: null,
	name: null,
	partnersOnly: false,
	includeSupervised: false,
	sort: 'relevance',
	page: 1,
	pageSize: DIRECTORY_PAGE_SIZE,
}

/** The URL parameters, in the order a canonical URL lists them. */
export const DIRECTORY_PARAMETERS = ['state', 'format', 'radius', 'phase', 'modality', 'focus', 'language', 'payer', 'maxRate', 'accepting', 'minKapHours', 'name', 'partners', 'supervised', 'sort', 'page', 'pageSize'] as const
export type DirectoryParameter = (typeof DIRECTORY_PARAMETERS)[number]

export type ParameterProblem = { parameter: string; message: string }
export type ParsedDirectoryQuery = { ok: true; query: DirectoryQuery } | { ok: false; problems: ParameterProblem[]; query: DirectoryQuery }

const slugList = (slugs: readonly string[]) => slugs.join(', ')

/** Repeated parameters and comma-separated values both give lists; blank values are ignored. */
function values(params: URLSearchParams, name: string): string[] {
	return params
		.getAll(name)
		.flatMap((v) => v.split(','))
		.map((v) => v.trim())
		.filter(Boolean)
}

function single(params: URLSearchParams, name: string, problems: ParameterProblem[]): string | null {
	const given = values(params, name)
	if (given.length > 1) problems.push({ parameter: name, message: `Give ${name} once.` })
	return given[0] ?? null
}

function wholeNumber(params: URLSearchParams, name: string, min: number, max: number, problems: ParameterProblem[]): number | null {
	const given = single(params, name, problems)
	if (given === null) return null
	if (!/^\d{1,9}$/.test(given) || Number(given) < min || Number(given) > max) {
		problems.push({ parameter: name, message: `Give a whole number from ${min} to ${max}.` })
		return null
	}
	return Number(given)
}

function slugs<S extends string>(params: URLSearchParams, name: string, known: { slugs: readonly S[]; has: (v: string) => v is S }, problems: ParameterProblem[]): S[] {
	const given = [...new Set(values(params, name))]
	const unknown = given.filter((v) => !known.has(v))
	if (unknown.length) problems.push({ parameter: name, message: `Unknown ${name} ${unknown.join(', ')}; use ${slugList(known.slugs)}.` })
	return given.filter((v): v is S => known.has(v))
}

const LANGUAGE_VOCABULARY = { slugs: [] as readonly LanguageCode[], has: isLanguageCode }

/**
 * Reads a search from URL parameters. Unknown parameters are refused when `strict` (the API);
 * the page ignores them (a link from elsewhere may carry its own). With problems, `query` still
 * holds every parameter that was fine, so a form can show them again.
 */
export function parseDirectoryQuery(params: URLSearchParams, options: { strict?: boolean } = {}): ParsedDirectoryQuery {
	const problems: ParameterProblem[] = []
	if (options.strict) {
		const unknown = [...new Set(params.keys())].filter((k) => !(DIRECTORY_PARAMETERS as readonly string[]).includes(k))
		for (const name of unknown) problems.push({ parameter: name, message: `Unknown parameter; use ${DIRECTORY_PARAMETERS.join(', ')}.` })
	}
	const query: DirectoryQuery = { ...DEFAULT_DIRECTORY_QUERY }

	const state = single(params, 'state', problems)?.toUpperCase() ?? null
	if (state !== null) {
		if (isStateCode(state)) query.state = state
		else problems.push({ parameter: 'state', message: 'Give a two-letter US state code, such as TX (or DC).' })
	}
	const format = single(params, 'format', problems)
	if (format !== null) {
		if (FORMATS.has(format)) query.format = format
		else problems.push({ parameter: 'format', message: `Use ${slugList(FORMATS.slugs)}.` })
	}
	const radius = wholeNumber(params, 'radius', 1, DIRECTORY_MAX_RADIUS, problems)
	if (radius !== null) {
		if (query.format === 'in_person') query.radiusMiles = radius
		else if (format === null || query.format !== null) problems.push({ parameter: 'radius', message: 'A radius applies to in-person searches only (format=in_person).' })
	}
	query.phases = slugs(params, 'phase', PHASES, problems)
	query.modalities = slugs(params, 'modality', MODALITIES, problems)
	query.focusAreas = slugs(params, 'focus', FOCUS_AREAS, problems)
	query.languages = slugs(params, 'language', LANGUAGE_VOCABULARY, problems)
	if (problems.some((p) => p.parameter === 'language')) problems.find((p) => p.parameter === 'language')!.message = 'Use ISO 639-1 language codes, such as en or es.'
	const payer = single(params, 'payer', problems)
	if (payer !== null) {
		if (PAYERS.has(payer)) query.payer = payer
		else problems.push({ parameter: 'payer', message: `Unknown payer; use ${slugList(PAYERS.slugs)}.` })
	}
	query.maxRate = wholeNumber(params, 'maxRate', 0, 10_000, problems)
	const accepting = single(params, 'accepting', problems)
	if (accepting !== null) {
		if (accepting === 'true' || accepting === 'false') query.accepting = accepting === 'true'
		else problems.push({ parameter: 'accepting', message: 'Use true or false.' })
	}
	query.minKapHours = wholeNumber(params, 'minKapHours', 0, 10_000, problems)
	const name = params.get('name')?.trim() ?? ''
	if (name.length > 100) problems.push({ parameter: 'name', message: 'Keep the name under 100 characters.' })
	else if (name) query.name = name
	const partners = single(params, 'partners', problems)
	if (partners !== null) {
		if (partners === 'only' || partners === 'any') query.partnersOnly = partners === 'only'
		else problems.push({ parameter: 'partners', message: 'Use only (your preferred partners) or any.' })
	}
	const supervised = single(params, 'supervised', problems)
	if (supervised !== null) {
		if (supervised === 'include' || supervised === 'exclude') query.includeSupervised = supervised === 'include'
		else problems.push({ parameter: 'supervised', message: 'Use include (supervised licences count too) or exclude.' })
	}
	const sort = single(params, 'sort', problems)
	if (sort !== null) {
		if ((DIRECTORY_SORTS as readonly string[]).includes(sort)) query.sort = sort as DirectorySort
		else problems.push({ parameter: 'sort', message: `Use ${slugList(DIRECTORY_SORTS)}.` })
	}
	if (query.sort === 'distance' && query.format !== 'in_person' && !problems.some((p) => p.parameter === 'format'))
		problems.push({ parameter: 'sort', message: 'Sorting by distance needs an in-person search (format=in_person): telehealth has no distance.' })
	query.page = wholeNumber(params, 'page', 1, DIRECTORY_MAX_PAGE, problems) ?? 1
	query.pageSize = wholeNumber(params, 'pageSize', 1, DIRECTORY_MAX_PAGE_SIZE, problems) ?? DIRECTORY_PAGE_SIZE
	return problems.length ? { ok: false, problems, query } : { ok: true, query }
}

/** The canonical URL parameters of a search: defaults left out, lists repeated. */
export function directorySearchParams(query: DirectoryQuery, changes: Partial<DirectoryQuery> = {}): URLSearchParams {
	const q = { ...query, ...changes }
	const params = new URLSearchParams()
	if (q.state) params.set('state', q.state)
	if (q.format) params.set('format', q.format)
	if (q.format === 'in_person' && q.radiusMiles !== DIRECTORY_DEFAULT_RADIUS) params.set('radius', String(q.radiusMiles))
	for (const v of q.phases) params.append('phase', v)
	for (const v of q.modalities) params.append('modality', v)
	for (const v of q.focusAreas) params.append('focus', v)
	for (const v of q.languages) params.append('language', v)
	if (q.payer) params.set('payer', q.payer)
	if (q.maxRate !== null) params.set('maxRate', String(q.maxRate))
	if (q.accepting !== null) params.set('accepting', String(q.accepting))
	if (q.minKapHours !== null) params.set('minKapHours', String(q.minKapHours))
	if (q.name) params.set('name', q.name)
	if (q.partnersOnly) params.set('partners', 'only')
	if (q.includeSupervised) params.set('supervised', 'include')
	if (q.sort !== 'relevance') params.set('sort', q.sort)
	if (q.page !== 1) params.set('page', String(q.page))
	if (q.pageSize !== DIRECTORY_PAGE_SIZE) params.set('pageSize', String(q.pageSize))
	return params
}

/**
 * The filters a search applies, in the order the "nobody left" explanation counts them: each
 * narrows what the ones before it left. Blocked therapists are always left out (last).
 */
export const FUNNEL_STEPS = ['state', 'format', 'phase', 'modality', 'focus', 'language', 'payment', 'accepting', 'training', 'name', 'partners', 'blocked'] as const
export type FunnelStep = (typeof FUNNEL_STEPS)[number]

const inWords = (items: readonly string[], joiner: 'and' | 'or') => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${joiner} ${items[items.length - 1]}`)

/**
 * Whether the patient's state narrows this search. In person the session happens at the
 * therapist's office, which needs a licence in the office's state wherever the patient lives: an
 * in-person search finds the same therapists for every patient state.
 */
export const statesApply = (query: Pick<DirectoryQuery, 'format'>) => query.format !== 'in_person'

/** The steps this search applies, each described as a person would say it. */
export function activeSteps(query: DirectoryQuery): { step: FunnelStep; label: string }[] {
	const steps: { step: FunnelStep; label: string }[] = []
	const supervised = query.includeSupervised ? ' (supervised licences too)' : ''
	// In person the session happens at the office: the patient's state does not decide (statesApply).
	if (query.state && statesApply(query)) steps.push({ step: 'state', label: `can see patients in ${stateName(query.state)} today${supervised}` })
	if (query.format === 'telehealth') steps.push({ step: 'format', label: query.state ? `offers telehealth there` : 'offers telehealth' })
	if (query.format === 'in_person') steps.push({ step: 'format', label: `sees patients in person at an office within ${query.radiusMiles} miles of your clinic, licensed in that office’s state${supervised}` })
	if (query.phases.length) steps.push({ step: 'phase', label: `offers ${inWords(query.phases.map((p) => PHASES.label(p).toLowerCase()), 'and')}` })
	if (query.modalities.length) steps.push({ step: 'modality', label: `uses ${inWords(query.modalities.map((m) => MODALITIES.label(m)), 'or')}` })
	if (query.focusAreas.length) steps.push({ step: 'focus', label: `works with ${inWords(query.focusAreas.map((f) => FOCUS_AREAS.label(f).toLowerCase()), 'or')}` })
	if (query.languages.length) steps.push({ step: 'language', label: `speaks ${inWords(query.languages.map(languageLabel), 'or')}` })
	const payment = [query.payer ? `takes ${PAYERS.label(query.payer)}` : null, query.maxRate !== null ? `charges at most $${query.maxRate} self-pay or has a sliding scale` : null].filter(Boolean) as string[]
	if (payment.length) steps.push({ step: 'payment', label: payment.join(' or ') })
	if (query.accepting !== null) steps.push({ step: 'accepting', label: query.accepting ? 'is accepting new referrals' : 'is not accepting new referrals' })
	if (query.minKapHours !== null) steps.push({ step: 'training', label: `has at least ${query.minKapHours} hours of KAP training` })
	if (query.name) steps.push({ step: 'name', label: `has “${query.name}” in their name` })
	if (query.partnersOnly) steps.push({ step: 'partners', label: 'is one of your preferred partners' })
	steps.push({ step: 'blocked', label: 'is not blocked by your clinic' })
	return steps
}

export type FunnelCount = { step: FunnelStep; label: string; remaining: number }

/**
 * Why a search found nobody: the first filter after which nobody was left, and how many the
 * filters before it had left. `network` is how many therapists there are at all.
 */
export function explainEmpty(network: number, funnel: readonly FunnelCount[]): string {
	if (network === 0) return 'There are no therapists on Tandem yet.'
	const index = funnel.findIndex((f) => f.remaining === 0)
	if (index === -1) return 'Nobody matched every filter.'
	const step = funnel[index]!
	if (step.step === 'blocked') return 'Everyone who matched is blocked by your clinic.'
	const before = index === 0 ? network : funnel[index - 1]!.remaining
	const people = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'therapist' : 'therapists'}`
	if (index === 0) return `Nobody on Tandem ${step.label}: that filter alone removed all ${people(network)}.`
	return `Nobody is left once you ask for someone who ${step.label}: ${people(before)} matched the filters before it. Try removing that one.`
}

/** How to describe the therapists' places in a result list. */
export function describeStates(states: readonly string[], limit = 6): string {
	if (states.length === 0) return 'No state today'
	const names = states.slice(0, limit)
	return states.length > limit ? `${names.join(', ')} and ${states.length - limit} more` : names.join(', ')
}

/** The results' heading, and a note when the search's patient state does not narrow it (in person). */
export function resultsTitle(query: DirectoryQuery, total: number): { title: string; note: string | null } {
	const people = `${total.toLocaleString('en-US')} ${total === 1 ? 'therapist' : 'therapists'}`
	if (query.format === 'in_person')
		return {
			title: `${people} seeing patients in person within ${query.radiusMiles} miles`,
			note: query.state
				? `In person, the session happens at the therapist’s office, so each of them is licensed in their office’s state; a patient from ${stateName(query.state)} may see any of them.`
				: null,
		}
	return { title: query.state ? `${people} who can see patients in ${stateName(query.state)}` : people, note: null }
}
