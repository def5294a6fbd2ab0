// The partner directory's search, as one query object that the clinic's directory page
// and `GET /api/v1/therapists` both read from URL parameters, so that a search can be bookmarked,
// shared and scripted alike. Pure: each parameter's rule is a zod schema, parsing names the
// parameter at fault, and the canonical URL leaves defaults out.
import { z } from 'zod'
import {
	FOCUS_AREAS,
	FORMATS,
	isLanguageCode,
	isStateCode,
	languageLabel,
	MODALITIES,
	PAYERS,
	PHASES,
	stateName,
	type FocusArea,
	type Format,
	type LanguageCode,
	type Modality,
	type Payer,
	type Phase,
	type StateCode,
} from '#app/domain/reference/index.ts'

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
export const DIRECTORY_PARAMETERS = [
	'state',
	'format',
	'radius',
	'phase',
	'modality',
	'focus',
	'language',
	'payer',
	'maxRate',
	'accepting',
	'minKapHours',
	'name',
	'partners',
	'supervised',
	'sort',
	'page',
	'pageSize',
] as const
export type DirectoryParameter = (typeof DIRECTORY_PARAMETERS)[number]

export type ParameterProblem = { parameter: string; message: string }
export type ParsedDirectoryQuery = { ok: true; query: DirectoryQuery } | { ok: false; problems: ParameterProblem[]; query: DirectoryQuery }

const slugList = (slugs: readonly string[]) => slugs.join(', ')

/** A parameter's values: repeated parameters and comma-separated values both give lists; blank values are ignored. */
function valuesOf(raw: unknown): unknown[] {
	return (raw === undefined ? [] : Array.isArray(raw) ? raw : [raw])
		.flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]))
		.map((v) => (typeof v === 'string' ? v.trim() : v))
		.filter((v) => v !== '')
}

const values = (name: string) => z.preprocess(valuesOf, z.array(z.string({ invalid_type_error: `Give ${name} as text.` })))

/** A parameter given at most once; absent, it is undefined. */
const single = <T extends z.ZodTypeAny>(name: string, schema: T) =>
	values(name)
		.refine((v) => v.length <= 1, `Give ${name} once.`)
		.transform((v) => v[0])
		.pipe(schema.optional())

const wholeNumber = (name: string, min: number, max: number) => {
	const message = `Give a whole number from ${min} to ${max}.`
	return single(
		name,
		z
			.string()
			.regex(/^\d{1,9}$/, message)
			.transform(Number)
			.pipe(z.number().min(min, message).max(max, message)),
	)
}

const oneOf = <S extends string>(name: string, slugs: readonly [S, ...S[]], message: string) => single(name, z.enum(slugs, { errorMap: () => ({ message }) }))

/** A list of known slugs, each once; the unknown ones are named. */
const slugs = <S extends string>(name: string, has: (v: string) => v is S, message: (unknown: string[]) => string) =>
	values(name)
		.transform((v) => [...new Set(v)])
		.superRefine((v, ctx) => {
			const unknown = v.filter((x) => !has(x))
			if (unknown.length) ctx.addIssue({ code: z.ZodIssueCode.custom, message: message(unknown) })
		})
		.transform((v) => v.filter(has))

const vocabulary = <S extends string>(name: string, known: { slugs: readonly S[]; has: (v: string) => v is S }) =>
	slugs(name, known.has, (unknown) => `Unknown ${name} ${unknown.join(', ')}; use ${slugList(known.slugs)}.`)

const asTuple = <S extends string>(list: readonly S[]) => list as unknown as [S, ...S[]]

/**
 * Each URL parameter's rule. A rule that refuses its parameter leaves the rest of the search as it
 * was; readDirectorySearch keeps the known values of a list that also named unknown ones.
 */
export const DIRECTORY_PARAMETER_SCHEMAS = {
	state: single(
		'state',
		z
			.string()
			.transform((v) => v.toUpperCase())
			.refine(isStateCode, 'Give a two-letter US state code, such as TX (or DC).'),
	),
	format: oneOf('format', asTuple(FORMATS.slugs), `Use ${slugList(FORMATS.slugs)}.`),
	radius: wholeNumber('radius', 1, DIRECTORY_MAX_RADIUS),
	phase: vocabulary('phase', PHASES),
	modality: vocabulary('modality', MODALITIES),
	focus: vocabulary('focus', FOCUS_AREAS),
	language: slugs('language', isLanguageCode, () => 'Use ISO 639-1 language codes, such as en or es.'),
	payer: oneOf('payer', asTuple(PAYERS.slugs), `Unknown payer; use ${slugList(PAYERS.slugs)}.`),
	maxRate: wholeNumber('maxRate', 0, 10_000),
	accepting: oneOf('accepting', ['true', 'false'], 'Use true or false.'),
	minKapHours: wholeNumber('minKapHours', 0, 10_000),
	// The first name given, whole: a name may hold a comma.
	name: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string({ invalid_type_error: 'Give the name as text.' }).trim().max(100, 'Keep the name under 100 characters.').optional()),
	partners: oneOf('partners', ['only', 'any'], 'Use only (your preferred partners) or any.'),
	supervised: oneOf('supervised', ['include', 'exclude'], 'Use include (supervised licences count too) or exclude.'),
	sort: oneOf('sort', DIRECTORY_SORTS, `Use ${slugList(DIRECTORY_SORTS)}.`),
	page: wholeNumber('page', 1, DIRECTORY_MAX_PAGE),
	pageSize: wholeNumber('pageSize', 1, DIRECTORY_MAX_PAGE_SIZE),
} satisfies Record<DirectoryParameter, z.ZodTypeAny>

type Given = { [K in DirectoryParameter]?: z.output<(typeof DIRECTORY_PARAMETER_SCHEMAS)[K]> }

/**
 * Reads a search from its parameters (as `parseWithZod` or `URLSearchParams` give them: a string, or
 * a list when repeated). `query` holds every parameter that was fine, so a form can show them again.
 */
export function readDirectorySearch(raw: Readonly<Record<string, unknown>>): { query: DirectoryQuery; problems: ParameterProblem[] } {
	const problems: ParameterProblem[] = []
	const given: Given = {}
	for (const parameter of DIRECTORY_PARAMETERS) {
		const value = Object.hasOwn(raw, parameter) ? raw[parameter] : undefined
		const parsed = DIRECTORY_PARAMETER_SCHEMAS[parameter].safeParse(value)
		if (parsed.success) {
			;(given as Record<string, unknown>)[parameter] = parsed.data
			continue
		}
		problems.push({ parameter, message: parsed.error.issues[0]!.message })
	}
	// A list that named unknown values keeps the known ones.
	const known = <S extends string>(name: DirectoryParameter, has: (v: string) => v is S) =>
		[...new Set(valuesOf(Object.hasOwn(raw, name) ? raw[name] : undefined))].filter((v): v is S => typeof v === 'string' && has(v))
	const refused = (parameter: string) => problems.some((p) => p.parameter === parameter)
	const query: DirectoryQuery = {
		...DEFAULT_DIRECTORY_QUERY,
		state: given.state ?? null,
		format: given.format ?? null,
		phases: given.phase ?? known('phase', PHASES.has),
		modalities: given.modality ?? known('modality', MODALITIES.has),
		focusAreas: given.focus ?? known('focus', FOCUS_AREAS.has),
		languages: given.language ?? known('language', isLanguageCode),
		payer: given.payer ?? null,
		maxRate: given.maxRate ?? null,
		accepting: given.accepting === undefined ? null : given.accepting === 'true',
		minKapHours: given.minKapHours ?? null,
		name: given.name || null,
		partnersOnly: given.partners === 'only',
		includeSupervised: given.supervised === 'include',
		sort: given.sort ?? 'relevance',
		page: given.page ?? 1,
		pageSize: given.pageSize ?? DIRECTORY_PAGE_SIZE,
	}
	// Rules between parameters; a refused format says enough by itself.
	if (given.radius !== undefined) {
		if (query.format === 'in_person') query.radiusMiles = given.radius
		else if (!refused('format')) problems.push({ parameter: 'radius', message: 'A radius applies to in-person searches only (format=in_person).' })
	}
	if (query.sort === 'distance' && query.format !== 'in_person' && !refused('format'))
		problems.push({ parameter: 'sort', message: 'Sorting by distance needs an in-person search (format=in_person): telehealth has no distance.' })
	return { query, problems }
}

/**
 * The search as one schema, for `parseWithZod` on the directory page: its issues name the
 * parameters, and its value is the query. Unknown parameters are ignored (a link from elsewhere
 * may carry its own).
 */
export const DirectorySearchSchema = z.record(z.unknown()).transform((raw, ctx) => {
	const { query, problems } = readDirectorySearch(raw)
	for (const p of problems) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [p.parameter], message: p.message })
	return query
})

/** A URL's parameters as the schemas read them: a string, or a list when repeated. */
export function parametersOf(params: URLSearchParams): Record<string, string | string[]> {
	const raw: Record<string, string | string[]> = {}
	for (const key of new Set(params.keys())) {
		const all = params.getAll(key)
		Object.defineProperty(raw, key, { value: all.length > 1 ? all : all[0]!, enumerable: true, writable: true, configurable: true })
	}
	return raw
}

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
	const read = readDirectorySearch(parametersOf(params))
	problems.push(...read.problems)
	return problems.length ? { ok: false, problems, query: read.query } : { ok: true, query: read.query }
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
	if (query.format === 'in_person')
		steps.push({ step: 'format', label: `sees patients in person at an office within ${query.radiusMiles} miles of your clinic, licensed in that office’s state${supervised}` })
	if (query.phases.length)
		steps.push({
			step: 'phase',
			label: `offers ${inWords(
				query.phases.map((p) => PHASES.label(p).toLowerCase()),
				'and',
			)}`,
		})
	if (query.modalities.length)
		steps.push({
			step: 'modality',
			label: `uses ${inWords(
				query.modalities.map((m) => MODALITIES.label(m)),
				'or',
			)}`,
		})
	if (query.focusAreas.length)
		steps.push({
			step: 'focus',
			label: `works with ${inWords(
				query.focusAreas.map((f) => FOCUS_AREAS.label(f).toLowerCase()),
				'or',
			)}`,
		})
	if (query.languages.length) steps.push({ step: 'language', label: `speaks ${inWords(query.languages.map(languageLabel), 'or')}` })
	const payment = [query.payer ? `takes ${PAYERS.label(query.payer)}` : null, query.maxRate !== null ? `charges at most $${query.maxRate} self-pay or has a sliding scale` : null].filter(
		Boolean,
	) as string[]
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
