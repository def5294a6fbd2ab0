// The demo's words: clinic and practice names built from each region's real place names, and
// therapist bios composed from curated fragments that follow each profile (licence, training,
// approaches, phases, formats, coverage, focus, languages, fees), so a bio never says what the
// profile does not. Pure and deterministic for a seeded Faker.
import { type Faker } from '@faker-js/faker'
import { PAYERS, languageLabel, stateName, type FocusArea, type LicenseTypeSlug, type Modality } from '#app/domain/reference/index.ts'
import { type Place } from '#tests/factories/places.ts'
import { type TherapistBuild } from '#tests/factories/therapists.ts'

/** Real places people around each city name their businesses after. */
const CITY_NAMES: Record<string, readonly string[]> = {
	'Austin TX': ['Hill Country', 'Barton Springs', 'Lady Bird Lake', 'Capital City'],
	'Houston TX': ['Bayou City', 'Buffalo Bayou', 'Memorial Park', 'Gulf Coast'],
	'Dallas TX': ['Trinity River', 'White Rock Lake', 'North Texas', 'Oak Cliff'],
	'Seattle WA': ['Puget Sound', 'Elliott Bay', 'Cascade', 'Salish Sea'],
	'Spokane WA': ['Inland Northwest', 'Spokane Falls', 'Lilac City', 'Palouse'],
	'Denver CO': ['Front Range', 'Mile High', 'Cherry Creek', 'Red Rocks'],
	'Miami FL': ['Biscayne', 'Coral Gables', 'South Florida', 'Coconut Grove'],
	'New York NY': ['Hudson River', 'Gramercy', 'Manhattan', 'Flatiron'],
	'Phoenix AZ': ['Sonoran', 'Camelback', 'Valley of the Sun', 'Desert Botanical'],
}

/** Regional words for the therapists' own practices, per state. */
const STATE_NAMES: Record<string, readonly string[]> = {
	TX: ['Live Oak', 'Bluebonnet', 'Hill Country', 'Brazos', 'Pecan Street', 'Guadalupe', 'Cypress Creek', 'Mesquite'],
	WA: ['Puget Sound', 'Cascade', 'Rainier', 'Evergreen', 'Olympic', 'Madrona', 'Salish', 'Columbia River'],
	CO: ['Front Range', 'Flatirons', 'Columbine', 'Aspen Grove', 'Clear Creek', 'Red Rocks'],
	FL: ['Palmetto', 'Tidewater', 'Banyan', 'Coral', 'Gulf Breeze', 'Everglades'],
	NY: ['Hudson', 'Prospect Park', 'Genesee', 'Finger Lakes', 'Gramercy', 'Catskill'],
	CA: ['Golden Gate', 'Presidio', 'Mission', 'Sierra', 'Redwood', 'Laurel Canyon', 'Torrey Pines'],
	AZ: ['Saguaro', 'Sonoran', 'Camelback', 'Desert Willow', 'Catalina', 'Ironwood'],
	MN: ['North Star', 'Lake Harriet', 'Boundary Waters', 'Loring Park', 'Mississippi River'],
	IL: ['Lakeshore', 'Prairie', 'Lincoln Park', 'Wicker Park'],
	OR: ['Willamette', 'Mount Hood', 'Rose City', 'Forest Park'],
	GA: ['Peachtree', 'Chattahoochee', 'Magnolia'],
	MA: ['Charles River', 'Back Bay', 'Beacon Hill'],
	NC: ['Blue Ridge', 'Eno River', 'Pisgah'],
	PA: ['Schuylkill', 'Rittenhouse', 'Three Rivers', 'Allegheny'],
	UT: ['Wasatch', 'Red Butte'],
	VA: ['James River', 'Shenandoah'],
	MI: ['Great Lakes', 'Belle Isle'],
	OH: ['Scioto', 'Olentangy'],
	TN: ['Cumberland', 'Harpeth'],
	NM: ['Sangre de Cristo', 'Rio Grande'],
}

export const CLINIC_NAME_MAX = 30
const CLINIC_KINDS = ['Ketamine & Wellness', 'Infusion Clinic', 'Ketamine Center', 'Mental Health Infusions', 'Ketamine Therapy', 'Infusion Center']
const PRACTICE_WORDS = ['Cedar', 'Willow', 'Juniper', 'Still Water', 'Open Door', 'Threshold', 'Riverstone', 'True North', 'Kindred', 'Clearwater', 'Lantern', 'Wildflower', 'Bright Path', 'Sage']
const PRACTICE_KINDS: Record<string, readonly string[]> = {
	counselor: ['Counseling', 'Counseling & Wellness', 'Counseling Collective', 'Therapy Group'],
	social_worker: ['Counseling & Consultation', 'Therapy Collective', 'Clinical Services', 'Counseling'],
	mft: ['Family Therapy', 'Relational Therapy', 'Couples & Family Therapy', 'Therapy Group'],
	psychologist: ['Psychology', 'Psychological Services', 'Psychology Group', 'Center for Psychotherapy'],
	nurse_practitioner: ['Integrative Psychiatry', 'Psychiatric Care', 'Psychiatry & Therapy'],
}

/** The ketamine-assisted therapy trainings clinicians actually name. */
export const KAP_PROGRAMS = [
	'Polarity Process Institute',
	'Fluence',
	'CIIS Certificate in Psychedelic-Assisted Therapies and Research',
	'Polaris Insight Center',
	'Integrative Psychiatry Institute',
	'Ketamine Training Center',
]
const WITH_ARTICLE = new Set(['Polarity Process Institute', 'CIIS Certificate in Psychedelic-Assisted Therapies and Research', 'Integrative Psychiatry Institute', 'Ketamine Training Center'])

type Profession = keyof typeof PRACTICE_KINDS

const LICENCE_WORDS: Record<LicenseTypeSlug, { profession: Profession; title: string }> = {
	lpc: { profession: 'counselor', title: 'a licensed professional counselor' },
	lmhc: { profession: 'counselor', title: 'a licensed mental health counselor' },
	lcpc: { profession: 'counselor', title: 'a licensed clinical professional counselor' },
	lcmhc: { profession: 'counselor', title: 'a licensed clinical mental health counselor' },
	lcsw: { profession: 'social_worker', title: 'a clinical social worker' },
	licsw: { profession: 'social_worker', title: 'an independent clinical social worker' },
	lisw: { profession: 'social_worker', title: 'an independent social worker' },
	lmft: { profession: 'mft', title: 'a marriage and family therapist' },
	psychologist: { profession: 'psychologist', title: 'a licensed psychologist' },
	pmhnp: { profession: 'nurse_practitioner', title: 'a psychiatric nurse practitioner' },
	lpc_associate: { profession: 'counselor', title: 'an LPC Associate working under clinical supervision' },
	lmsw: { profession: 'social_worker', title: 'a master’s-level social worker (LMSW) working under clinical supervision' },
	lmft_associate: { profession: 'mft', title: 'an MFT Associate working under clinical supervision' },
}

const MODALITY_WORDS: Record<Modality, readonly string[]> = {
	cbt: ['CBT gives us practical tools for the days between sessions', 'I use CBT to turn new perspectives into everyday habits'],
	dbt: ['DBT skills help clients stay steady when a lot comes up at once', 'I teach DBT skills for the harder days'],
	act: ['acceptance and commitment therapy helps clients move toward what matters, feelings and all', 'ACT frames much of my work: less fighting with thoughts, more living by values'],
	emdr: ['EMDR lets us work with memories that talking alone has not reached', 'I am trained in EMDR and use it when old memories stay stuck'],
	ifs: [
		'Internal Family Systems (IFS) helps clients meet the protective parts that show up in a session',
		'IFS gives clients a kind way to listen to the parts of themselves that speak up under the medicine',
	],
	somatic: ['somatic therapy keeps us close to what the body is saying', 'somatic work helps the nervous system settle after intense sessions'],
	psychodynamic: ['a psychodynamic lens helps us see old patterns as they surface', 'psychodynamic work lets us follow what a session stirs up back to its roots'],
	humanistic: ['a humanistic stance means you set the pace and I follow', 'my humanistic training keeps the focus on your own sense of what is right for you'],
	trauma_informed: ['trauma-informed care shapes every step, from consent to pacing', 'everything I do is trauma-informed: choice, safety and pacing come first'],
	mindfulness: ['mindfulness-based practice helps clients return to the present when things feel big', 'mindfulness practices carry the calm of a session into daily life'],
	family_systems: ['I often bring partners or family members in, since change ripples through a household', 'family systems work helps relationships catch up with the changes a client is making'],
	motivational_interviewing: ['motivational interviewing helps clients find their own reasons for change', 'I lean on motivational interviewing when ambivalence is part of the story'],
	existential: ['existential therapy leaves room for the big questions that sessions raise', 'existential work makes space for meaning, mortality and freedom'],
}

const FOCUS_WORDS: Record<FocusArea, string> = {
	depression: 'depression',
	treatment_resistant_depression: 'depression that years of medication have not lifted',
	anxiety: 'anxiety',
	ptsd: 'trauma and PTSD',
	ocd: 'OCD',
	bipolar_stable: 'bipolar disorder that is well managed',
	chronic_pain: 'chronic pain',
	substance_use_history: 'a history of substance use',
	grief: 'grief and loss',
	existential_distress: 'existential distress, including at the end of life',
	life_transitions: 'big life transitions',
	eating_disorders: 'eating disorders',
}

const POPULATIONS = [
	'veterans',
	'healthcare workers',
	'LGBTQ+ adults',
	'artists and musicians',
	'parents of young children',
	'older adults',
	'first responders',
	'graduate students',
	'people in the tech industry',
	'teachers',
]

const VOICE = [
	'Outside the office you will find me on the trails around {landmark}.',
	'I believe the medicine can open a door; therapy is how we walk through it together.',
	'I keep my caseload small so that every client gets my full attention.',
	'Clients tell me I am calm, direct and a little funny; I take that as a compliment.',
	'I came to this work after losing a close friend to depression, and it still guides me.',
	'When I am not working I am usually gardening, cooking for too many people, or both.',
	'I am a lifelong meditator and teach a weekly sitting group in {city}.',
	'I grew up near {landmark} and love being back to serve my own community.',
	'My first career was in nursing; I still think about care in very practical terms.',
	'I believe nobody should have to make sense of a ketamine session alone.',
	'I spent ten years in community mental health before starting my own practice.',
	'Curiosity and respect are what I bring to every session, whatever comes up.',
	'I like to walk clients through exactly what to expect, so nothing about the process is a surprise.',
	'Away from work I play cello in a community orchestra.',
	'I am an avid cyclist and do some of my best thinking on long rides.',
	'Humor and warmth matter in this work, even when it is hard.',
	'I consult weekly with a peer group of psychedelic-assisted therapists.',
	'I see integration as a practice, not a single appointment.',
	'I am the parent of two teenagers, which keeps me humble.',
	'Before becoming a therapist I taught high school English for eight years.',
	'I volunteer with a harm-reduction program in {city}.',
	'Change rarely happens in one session; I am here for the slower work too.',
	'I was drawn to this field by the research on psilocybin and depression at Johns Hopkins.',
	'My office near {landmark} is quiet, with plenty of natural light.',
]

/**
 * A clinic named after a real place near it, unique among `taken`. At most 30 characters, as most
 * are: notices quote the name in email subjects, which are cut at 90.
 */
export function demoClinicName(faker: Faker, place: Place, taken: Set<string>): string {
	const names = CITY_NAMES[`${place.city} ${place.state}`] ?? [place.city]
	for (let attempt = 0; ; attempt++) {
		const kind = faker.helpers.arrayElement(CLINIC_KINDS)
		const name = `${faker.helpers.arrayElement(names)} ${kind}`
		// Keep them short, and varied: a kind of clinic at most twice.
		const sameKind = [...taken].filter((t) => t.endsWith(` ${kind}`)).length
		if ((name.length > CLINIC_NAME_MAX || sameKind >= 2) && attempt < 50) continue
		if (!taken.has(name)) {
			taken.add(name)
			return name
		}
	}
}

/** A practice name in the style of the profession: a regional word, a calm word, or the surname. */
export function demoPracticeName(faker: Faker, input: { lastName: string; state: string; licenseType: LicenseTypeSlug }, taken: Set<string>): string {
	const kinds = PRACTICE_KINDS[LICENCE_WORDS[input.licenseType].profession]!
	for (let attempt = 0; ; attempt++) {
		const head = faker.helpers.weightedArrayElement([
			{ weight: 4, value: () => faker.helpers.arrayElement(STATE_NAMES[input.state] ?? PRACTICE_WORDS) },
			{ weight: 3, value: () => faker.helpers.arrayElement(PRACTICE_WORDS) },
			{ weight: 2, value: () => input.lastName },
		])()
		const base = `${head} ${faker.helpers.arrayElement(kinds)}`
		const name = attempt < 50 ? base : `${input.lastName} ${base}`
		if (!taken.has(name)) {
			taken.add(name)
			return name
		}
	}
}

/** A training program from the curated list, for a therapist with hours of KAP training. */
export function demoKapProgram(faker: Faker, hours: number): string | null {
	return hours > 0 ? faker.helpers.arrayElement(KAP_PROGRAMS) : null
}

const BIO_MAX = 1200

/**
 * A first-person bio for the profile as built (after authorizations and the KAP program are set).
 * Sentences that are only colour are dropped first when the bio would exceed the profile's limit.
 */
export function composeBio(faker: Faker, build: TherapistBuild, context: { place: Place; practice: string }): string {
	const t = build.therapist
	const home = build.licenses[0]!
	const { place, practice } = context
	const landmark = faker.helpers.arrayElement(STATE_NAMES[place.state] ?? [place.city])
	const fill = (text: string) => text.replaceAll('{city}', place.city).replaceAll('{landmark}', landmark)
	const title = LICENCE_WORDS[home.type as LicenseTypeSlug].title
	const phases = t.phases as string[]
	const formats = t.formats as string[]

	const opening = faker.helpers.arrayElement([
		`I am ${title} in ${place.city} and the founder of ${practice}.`,
		`I am ${title} at ${practice} in ${place.city}, ${stateName(place.state)}.`,
		`As ${title}, I see clients through ${practice}, my practice in ${place.city}.`,
	])

	const hours = t.kapTrainingHours ?? 0
	const program = t.kapProgram && WITH_ARTICLE.has(t.kapProgram) ? `the ${t.kapProgram}` : t.kapProgram
	const training =
		hours > 0 && program && t.kapYear
			? faker.helpers.arrayElement([
					`I trained in ketamine-assisted psychotherapy with ${program} in ${t.kapYear}`,
					`My ketamine-assisted therapy training is from ${program} (${t.kapYear})`,
					`I completed ketamine-assisted psychotherapy training with ${program} in ${t.kapYear}`,
				]) + (hours > 150 ? faker.helpers.arrayElement([', and later the MAPS MDMA-assisted therapy training.', ', followed by the MAPS MDMA-assisted therapy training.']) : '.')
			: faker.helpers.arrayElement([
					'I am newer to psychedelic-assisted work and consult closely with each clinic’s medical team.',
					'I am early in my training in psychedelic-assisted therapy and work under regular consultation.',
				])

	const approaches = faker.helpers.arrayElements(t.modalities as (keyof typeof MODALITY_WORDS)[], Math.min(2, (t.modalities as string[]).length))
	const approachWords = approaches.map((slug) => faker.helpers.arrayElement(MODALITY_WORDS[slug]))
	const approach = capitalise(approachWords.length === 2 ? `${approachWords[0]}, and ${approachWords[1]}.` : `${approachWords[0]}.`)

	const phaseSentence = phases.includes('in_session')
		? phases.includes('preparation')
			? `I work across the whole arc of treatment: preparation before the first session, sitting with clients during dosing sessions in ${place.city}, and integration afterwards.`
			: `I sit with clients during dosing sessions in ${place.city} and continue with integration afterwards.`
		: phases.includes('preparation')
			? faker.helpers.arrayElement([
					'I meet clients before their first dosing session to set intentions and build a sense of safety, and afterwards to integrate what came up.',
					'Preparation and integration are the heart of my work: getting ready for a session, then making sense of it.',
				])
			: faker.helpers.arrayElement([
					'My focus is integration: the weeks after dosing sessions, when insight has to become something you live.',
					'I work on integration, helping clients carry what they found in a session into everyday life.',
				])

	const coverage = coverageStates(build)
	const where = coverage.length ? ` in ${list(coverage)}` : ''
	const formatSentence =
		formats.includes('in_person') && formats.includes('telehealth')
			? `I see clients in person in ${place.city} and by telehealth${where}.`
			: formats.includes('in_person')
				? `I see clients in person at my office in ${place.city}.`
				: `My sessions are by telehealth${where}.`

	const focus = faker.helpers.arrayElements(t.focusAreas as (keyof typeof FOCUS_WORDS)[], Math.min(2, (t.focusAreas as string[]).length)).map((slug) => FOCUS_WORDS[slug])
	const focusSentence = faker.helpers.arrayElement([`Much of my work is with people facing ${list(focus)}.`, `I especially enjoy working with clients living with ${list(focus)}.`])
	const population = faker.datatype.boolean(0.4) ? `I have a particular interest in working with ${faker.helpers.arrayElement(POPULATIONS)}.` : null

	const others = (t.languages as string[]).filter((code) => code !== 'en').map(languageLabel)
	const languageSentence = others.length ? `I also offer sessions in ${list(others)}.` : null

	const payers = (t.insurancePayers as string[]).map(PAYERS.label)
	const fees = [payers.length ? `I am in network with ${list(payers)}.` : null, t.slidingScale ? 'I keep a few sliding-scale places open.' : null].filter(Boolean).join(' ') || null

	const voice = fill(faker.helpers.arrayElement(VOICE))

	const required = [opening, training, approach, phaseSentence, formatSentence, focusSentence, languageSentence]
	const optional = [population, fees, voice]
	for (let keep = optional.length; keep >= 0; keep--) {
		const bio = [...required, ...optional.slice(0, keep)].filter(Boolean).join(' ')
		if (bio.length <= BIO_MAX) return bio
	}
	return required.filter(Boolean).join(' ').slice(0, BIO_MAX)
}

/**
 * The states where the therapist may see clients by telehealth: verified licences and authorizations.
 * In plain words, since patients read bios: no compact's or authorization's name.
 */
function coverageStates(build: TherapistBuild): string[] {
	const states = new Set<string>()
	for (const licence of build.licenses) if (licence.status === 'verified') states.add(licence.state)
	let psypact = false
	for (const a of build.authorizations) {
		if (a.status !== 'verified') continue
		if (a.kind === 'psypact_apit') psypact = true
		else for (const s of a.states as string[]) states.add(s)
	}
	const names = [...states].map(stateName)
	if (psypact) names.push('most other states, as a psychologist authorized for interstate practice')
	return names
}

function list(items: string[]): string {
	if (items.length <= 1) return items.join('')
	return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1)
}
