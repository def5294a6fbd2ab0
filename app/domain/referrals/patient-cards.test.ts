import { describe, expect, test } from 'vitest'
import { PATIENT_PAGE } from '#app/i18n/patient.ts'
import { translator } from '#app/i18n/translator.ts'
import { type CardInput, type CardTherapist, type PatientRequest, patientCards, patientConfirmation, seesPatients } from './patient-cards.ts'

const en = translator('en', PATIENT_PAGE)
const es = translator('es', PATIENT_PAGE)

const request: PatientRequest = {
	format: 'telehealth',
	phases: ['preparation', 'integration'],
	modalities: ['act', 'ifs'],
	focusAreas: ['depression'],
	languages: ['es', 'en'],
	paymentType: 'self_pay',
	payer: null,
}

const therapist = (over: Partial<CardTherapist> = {}): CardTherapist => ({
	fullName: 'Ana Lindqvist',
	pronouns: null,
	credentials: 'LMHC',
	bio: '',
	formats: ['telehealth'],
	modalities: ['act'],
	focusAreas: ['depression'],
	languages: ['en'],
	insurancePayers: [],
	selfPayRate: 120,
	slidingScale: false,
	kapTrainingHours: 80,
	officeTown: null,
	hasPhoto: false,
	...over,
})

const STORED = ['Licensed in Texas', 'Offers preparation and integration', 'Meets by video', 'Uses Acceptance and commitment therapy (ACT)', '80 hours of training in ketamine-assisted therapy']
const entry = (offerId: string, t: CardTherapist, reasons: string[] = STORED, proposedTimes: Date[] = []): CardInput => ({ offerId, therapist: t, reasons, proposedTimes })

describe('the cards', () => {
	test('what every therapist shares is said once above the cards; each card keeps what differs', () => {
		const { shared, cards } = patientCards(
			request,
			[
				entry('a', therapist()),
				entry('b', therapist({ fullName: 'Ben Okafor', modalities: ['act', 'ifs'], languages: ['en', 'es'], kapTrainingHours: 100, slidingScale: true }), [
					...STORED,
					'Has free time soon after the first dosing session',
				]),
			],
			'America/Chicago',
			'en',
			en,
		)
		expect(shared).toBe(
			'All of them: licensed in Texas; support with preparation and integration; sessions by video; approaches that fit your request: Acceptance and commitment therapy (ACT); experience with depression.',
		)
		expect(cards[0]!.reasons).toEqual(['80 hours of training in ketamine-assisted therapy'])
		expect(cards[1]!.reasons).toEqual([
			'Approaches that fit your request: Internal Family Systems (IFS)',
			'Sessions in Spanish',
			'100 hours of training in ketamine-assisted therapy',
			'Free time soon after your first ketamine session',
			'Sliding-scale fees',
		])
	})

	test('one therapist alone keeps every reason on their card', () => {
		const { shared, cards } = patientCards(request, [entry('a', therapist())], 'America/Chicago', 'en', en)
		expect(shared).toBeNull()
		expect(cards[0]!.reasons).toContain('Licensed in Texas')
		expect(cards[0]!.reasons).toContain('80 hours of training in ketamine-assisted therapy')
	})

	test('credential names in the stored reasons never reach the patient', () => {
		const { cards } = patientCards(request, [entry('a', therapist(), ['Can see patients in Iowa by telehealth (PSYPACT APIT)'])], 'America/Chicago', 'en', en)
		expect(cards[0]!.reasons[0]).toBe('Allowed to see patients in Iowa by video')
		expect(cards[0]!.reasons.join(' ')).not.toMatch(/PSYPACT|APIT/)
	})

	test('in Spanish: reasons, facts, lists and times', () => {
		const { shared, cards } = patientCards(
			request,
			[entry('a', therapist(), STORED, [new Date('2026-12-09T16:00:00Z')]), entry('b', therapist({ modalities: ['act', 'ifs'], languages: ['en', 'es'] }))],
			'America/Chicago',
			'es',
			es,
		)
		expect(shared).toBe(
			'Todos ellos: con licencia en Texas; acompañamiento en la preparación y la integración; sesiones por videollamada; enfoques acordes con su solicitud: Terapia de aceptación y compromiso (ACT); experiencia en depresión; 80 horas de formación en terapia asistida con ketamina.',
		)
		expect(cards[1]!.reasons).toEqual(['Enfoques acordes con su solicitud: Sistemas de la Familia Interna (IFS)', 'Sesiones en español'])
		expect(cards[1]!.facts).toContainEqual(['Idiomas', 'inglés y español'])
		expect(cards[0]!.facts).toContainEqual(['Tarifa sin seguro', '$120 por sesión'])
		expect(cards[0]!.facts).toContainEqual(['Cómo atiende', 'Por videollamada'])
		expect(cards[0]!.times[0]!.label).toMatch(/^miércoles, 9 de diciembre, 10:00/)
	})

	test('"Sees patients" says only what applies to this referral', () => {
		const both = therapist({ formats: ['telehealth', 'in_person'], officeTown: 'Austin, TX' })
		expect(seesPatients('telehealth', both, en)).toBe('By video')
		expect(seesPatients('in_person', both, en)).toBe('In person, at their office in Austin, TX')
		expect(seesPatients('either', both, en)).toBe('By video, or in person at their office in Austin, TX')
		expect(seesPatients('either', therapist(), en)).toBe('By video')
		expect(seesPatients('in_person', both, es)).toBe('En persona, en su consultorio de Austin, TX')
	})

	test('insurance: the patient’s payer in the therapist’s panels is a reason; otherwise a sliding scale is', () => {
		const insured = { ...request, paymentType: 'insurance' as const, payer: 'aetna' }
		const { cards } = patientCards(insured, [entry('a', therapist({ insurancePayers: ['aetna'], slidingScale: true }), [])], 'America/Chicago', 'en', en)
		expect(cards[0]!.reasons).toContain('In network with your insurance')
		expect(cards[0]!.reasons).not.toContain('Sliding-scale fees')
		expect(cards[0]!.facts).toContainEqual(['Insurance accepted', 'Aetna'])
	})
})

describe('the confirmation', () => {
	const base = {
		therapist: { fullName: 'Ana Lindqvist', formats: ['telehealth', 'in_person'], officeTown: 'Des Moines, IA', hasPhoto: false, email: 'ana@example.org' },
		firstSessionAt: new Date('2026-12-09T16:00:00Z'),
		clinic: { name: 'Lone Star Ketamine', city: 'Austin', state: 'TX' },
		reference: 'R-ABC123',
		timeZone: 'America/Chicago',
	}

	test('by video, with the first session, the therapist’s email and the clinic to ask', () => {
		const c = patientConfirmation({ ...base, format: 'telehealth' }, 'en', en)
		expect(c.title).toBe('You chose Ana Lindqvist')
		expect(c.told).toBe('Ana Lindqvist and your clinic, Lone Star Ketamine, have been told.')
		expect(c.session).toBe('Your first session: Wednesday, December 9 at 10:00 AM (Central Time).')
		expect(c.how).toBe('The session is by video: Ana Lindqvist will send you the link before it starts.')
		expect(c.email).toBe('ana@example.org')
		expect(c.questions).toBe('Contact your clinic, Lone Star Ketamine in Austin, TX, and give them your reference R-ABC123.')
	})

	test('in person, in Spanish, with no time booked yet', () => {
		const c = patientConfirmation({ ...base, format: 'in_person', firstSessionAt: null }, 'es', es)
		expect(c.session).toBe('Ana Lindqvist se pondrá en contacto con usted para acordar su primera sesión.')
		expect(c.how).toBe('La sesión será en persona, en su consultorio de Des Moines, IA: Ana Lindqvist le enviará la dirección.')
		expect(c.questions).toBe('Comuníquese con su clínica, Lone Star Ketamine (Austin, TX), e indique su referencia R-ABC123.')
	})
})
