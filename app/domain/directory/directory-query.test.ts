import { describe, expect, test } from 'vitest'
import { activeSteps, resultsTitle, DEFAULT_DIRECTORY_QUERY, DirectorySearchSchema, directorySearchParams, explainEmpty, parametersOf, parseDirectoryQuery } from './directory-query.ts'
import { relevanceHundredths } from './relevance.ts'

const parse = (query: string, strict = true) => parseDirectoryQuery(new URLSearchParams(query), { strict })

describe('parseDirectoryQuery', () => {
	test('no parameters: everyone, by relevance, first page', () => {
		expect(parse('')).toEqual({ ok: true, query: DEFAULT_DIRECTORY_QUERY })
	})

	test('every filter, with lists repeated or comma-separated, and the state in any case', () => {
		const parsed = parse(
			'state=tx&format=in_person&radius=40&phase=preparation&phase=integration&modality=ifs,emdr&focus=ptsd&language=es,en&payer=aetna&maxRate=150&accepting=true&minKapHours=50&name=%20Ana%20&partners=only&supervised=include&sort=distance&page=3&pageSize=50',
		)
		expect(parsed).toEqual({
			ok: true,
			query: {
				state: 'TX',
				format: 'in_person',
				radiusMiles: 40,
				phases: ['preparation', 'integration'],
				modalities: ['ifs', 'emdr'],
				focusAreas: ['ptsd'],
				languages: ['es', 'en'],
				payer: 'aetna',
				maxRate: 150,
				accepting: true,
				minKapHours: 50,
				name: 'Ana',
				partnersOnly: true,
				includeSupervised: true,
				sort: 'distance',
				page: 3,
				pageSize: 50,
			},
		})
	})

	test.each([
		['state=ZZ', 'state', /two-letter US state code/],
		['format=boat', 'format', /telehealth, in_person/],
		['phase=dreaming', 'phase', /Unknown phase dreaming; use preparation, in_session, integration/],
		['language=xx', 'language', /ISO 639-1/],
		['payer=acme', 'payer', /Unknown payer/],
		['maxRate=1.5', 'maxRate', /whole number from 0/],
		['accepting=maybe', 'accepting', /true or false/],
		['page=0', 'page', /from 1 to 500/],
		['pageSize=1000', 'pageSize', /from 1 to 100/],
		['radius=10', 'radius', /in-person searches only/],
		['format=telehealth&radius=10', 'radius', /in-person searches only/],
		['format=in_person&radius=500', 'radius', /from 1 to 200/],
		['sort=distance', 'sort', /needs an in-person search/],
		['sort=newest', 'sort', /relevance, distance, training/],
		['state=TX&state=CO', 'state', /Give state once/],
		['colour=blue', 'colour', /Unknown parameter/],
		[`name=${'a'.repeat(101)}`, 'name', /under 100 characters/],
	])('%s is refused, naming %s', (query, parameter, message) => {
		const parsed = parse(query)
		expect(parsed.ok).toBe(false)
		if (parsed.ok) return
		expect(parsed.problems).toEqual([{ parameter, message: expect.stringMatching(message) }])
	})

	test('the page ignores parameters it does not know; what was fine is kept beside the problems', () => {
		expect(parse('utm_source=mail&state=CO', false)).toMatchObject({ ok: true, query: { state: 'CO' } })
		const parsed = parse('state=CO&phase=integration&phase=nope&page=x', false)
		expect(parsed).toMatchObject({ ok: false, query: { state: 'CO', phases: ['integration'], page: 1 } })
	})

	test('as one schema (the page’s form), each refused parameter is an issue at its path, and the value is the query', () => {
		const schema = (query: string) => DirectorySearchSchema.safeParse(parametersOf(new URLSearchParams(query)))
		expect(schema('state=co&phase=integration,preparation&utm_source=mail')).toEqual({ success: true, data: { ...DEFAULT_DIRECTORY_QUERY, state: 'CO', phases: ['integration', 'preparation'] } })
		const refused = schema('state=CO&maxRate=cheap&phase=nope&radius=10')
		expect(refused.success).toBe(false)
		expect(refused.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
			['phase', 'Unknown phase nope; use preparation, in_session, integration.'],
			['maxRate', 'Give a whole number from 0 to 10000.'],
			['radius', 'A radius applies to in-person searches only (format=in_person).'],
		])
		// A parameter named like an object's own property is only a parameter.
		expect(schema('__proto__=x&constructor=y&state=TX').data?.state).toBe('TX')
	})

	test('supervised licences: include or exclude, and only include is written in the URL', () => {
		expect(parse('supervised=include').query.includeSupervised).toBe(true)
		expect(parse('supervised=exclude').query.includeSupervised).toBe(false)
		expect(parse('supervised=yes')).toMatchObject({ ok: false, problems: [{ parameter: 'supervised', message: 'Use include (supervised licences count too) or exclude.' }] })
		expect(directorySearchParams(parse('state=WA&supervised=include').query).toString()).toBe('state=WA&supervised=include')
		expect(directorySearchParams(parse('state=WA&supervised=exclude').query).toString()).toBe('state=WA')
		expect(activeSteps(parse('state=WA&supervised=include').query)[0]!.label).toBe('can see patients in Washington today (supervised licences too)')
	})

	test('the canonical URL leaves defaults out and reads back as the same search', () => {
		const { query } = parse('pageSize=20&state=wa&phase=integration&format=in_person&radius=25&sort=training&partners=any')
		expect(directorySearchParams(query).toString()).toBe('state=WA&format=in_person&phase=integration&sort=training')
		expect(parse(directorySearchParams(query, { page: 2 }).toString()).query).toEqual({ ...query, page: 2 })
		expect(directorySearchParams(DEFAULT_DIRECTORY_QUERY).toString()).toBe('')
	})
})

describe('explaining an empty search', () => {
	test('names the first filter after which nobody was left, with how many the filters before it left', () => {
		const query = parse('state=VT&format=telehealth&language=ja').query
		const steps = activeSteps(query)
		expect(steps.map((s) => s.step)).toEqual(['state', 'format', 'language', 'blocked'])
		const funnel = steps.map((s, i) => ({ ...s, remaining: [12, 3, 0, 0][i]! }))
		expect(explainEmpty(200, funnel)).toBe('Nobody is left once you ask for someone who speaks Japanese: 3 therapists matched the filters before it. Try removing that one.')
		expect(
			explainEmpty(
				200,
				funnel.map((f, i) => ({ ...f, remaining: i === 0 ? 0 : 0 })),
			),
		).toBe('Nobody on Tandem can see patients in Vermont today: that filter alone removed all 200 therapists.')
		expect(
			explainEmpty(
				200,
				funnel.map((f, i) => ({ ...f, remaining: i < 3 ? 1 : 0 })),
			),
		).toBe('Everyone who matched is blocked by your clinic.')
		expect(explainEmpty(0, [])).toBe('There are no therapists on Tandem yet.')
	})

	test('in person the patient’s state does not narrow the search: the office’s state needs the licence', () => {
		const steps = activeSteps(parse('state=OR&format=in_person&radius=30').query)
		expect(steps.map((s) => s.step)).toEqual(['format', 'blocked'])
		expect(steps[0]!.label).toBe('sees patients in person at an office within 30 miles of your clinic, licensed in that office’s state')
	})

	test('each filter reads as a person would say it', () => {
		const labels = activeSteps(parse('phase=preparation&phase=integration&modality=ifs&modality=cbt&payer=aetna&maxRate=120&accepting=false&minKapHours=20&partners=only&name=Lee').query).map(
			(s) => s.label,
		)
		expect(labels).toEqual([
			'offers preparation and integration',
			'uses Internal Family Systems (IFS) or Cognitive behavioral therapy (CBT)',
			'takes Aetna or charges at most $120 self-pay or has a sliding scale',
			'is not accepting new referrals',
			'has at least 20 hours of KAP training',
			'has “Lee” in their name',
			'is one of your preferred partners',
			'is not blocked by your clinic',
		])
	})
})

test('relevance: being a partner weighs most, then accepting, then training, capped at 120 hours', () => {
	const r = (partner: boolean, accepting: boolean, kapTrainingHours: number) => relevanceHundredths({ partner, accepting, kapTrainingHours })
	expect(r(true, true, 0)).toBeGreaterThan(r(false, true, 120))
	expect(r(true, false, 0)).toBeGreaterThan(r(false, true, 0))
	expect(r(false, true, 0)).toBe(r(false, false, 120))
	expect(r(false, false, 500)).toBe(r(false, false, 120))
	expect(r(true, true, 120)).toBe(10_000)
	expect(Number.isInteger(r(false, true, 37))).toBe(true)
})

test('the results’ heading says what was searched, and that in person the patient’s state does not narrow it', () => {
	expect(resultsTitle(parse('state=TX').query, 12)).toEqual({ title: '12 therapists who can see patients in Texas', note: null })
	expect(resultsTitle(parse('').query, 1)).toEqual({ title: '1 therapist', note: null })
	expect(resultsTitle(parse('state=WA&format=in_person&radius=20').query, 1_204)).toEqual({
		title: '1,204 therapists seeing patients in person within 20 miles',
		note: 'In person, the session happens at the therapist’s office, so each of them is licensed in their office’s state; a patient from Washington may see any of them.',
	})
})
