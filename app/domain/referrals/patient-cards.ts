// What the patient's page shows (docs/product.md §4, §6), in the patient's language: one card per
// therapist with what sets them apart for THIS request (the approaches, focus areas and languages
// asked for that they share, their training, their place and timing), a line above the cards for
// what every one of them shares, how each sees patients for this referral's format, the proposed
// times in the patient's zone; and, once chosen, what happens next. Pure: the page's words come in
// through `t`, dates and lists through the language's locale.
import { type PatientPageResource } from '#app/i18n/patient.ts'
import { LOCALES, type PatientLanguage } from '#app/i18n/languages.ts'
import { dateTimeFormat, displayNames, listFormat } from '#app/utils/intl.ts'
import { type Translate } from '#app/i18n/translator.ts'
import { PAYERS } from '#app/domain/reference/index.ts'

type T = Translate<PatientPageResource>

export type PatientRequest = {
	format: 'telehealth' | 'in_person' | 'either'
	phases: readonly string[]
	modalities: readonly string[]
	focusAreas: readonly string[]
	languages: readonly string[]
	paymentType: 'insurance' | 'self_pay' | null
	payer: string | null
}

export type CardTherapist = {
	fullName: string
	pronouns: string | null
	credentials: string
	bio: string
	formats: readonly string[]
	modalities: readonly string[]
	focusAreas: readonly string[]
	languages: readonly string[]
	insurancePayers: readonly string[]
	selfPayRate: number | null
	slidingScale: boolean
	kapTrainingHours: number
	/** "Austin, TX", from the office ZIP; null without an office. */
	officeTown: string | null
	hasPhoto: boolean
}

export type CardInput = { offerId: string; therapist: CardTherapist; reasons: readonly string[]; proposedTimes: readonly Date[] }

export type PatientTime = { iso: string; label: string }

export type PatientCard = {
	offerId: string
	name: string
	pronouns: string | null
	credentials: string
	bio: string
	hasPhoto: boolean
	reasons: string[]
	facts: [string, string][]
	times: PatientTime[]
}

/** One fact that may make a therapist fit; `id` says when two therapists share it. */
type Atom = { id: string; kind: Kind; value: string }

const KINDS = [
	'licensed',
	'allowed',
	'licensedOffice',
	'licensedClinic',
	'phases',
	'video',
	'office',
	'approaches',
	'focus',
	'languages',
	'training',
	'soon',
	'insurance',
	'slidingScale',
	'partner',
] as const
type Kind = (typeof KINDS)[number]

/** The stored reasons (matching's words, in English) that only matching knows: where they may practise, distance, timing, partnership. */
function storedAtoms(reasons: readonly string[]): Atom[] {
	const atoms: Atom[] = []
	for (const reason of reasons) {
		let m: RegExpExecArray | null
		if ((m = /^Licensed in (.+), where their office is$/.exec(reason))) atoms.push({ id: `licensedOffice:${m[1]}`, kind: 'licensedOffice', value: m[1]! })
		else if ((m = /^Licensed in (.+), where the clinic is/.exec(reason))) atoms.push({ id: `licensedClinic:${m[1]}`, kind: 'licensedClinic', value: m[1]! })
		else if ((m = /^Licensed in (.+)$/.exec(reason))) atoms.push({ id: `licensed:${m[1]}`, kind: 'licensed', value: m[1]! })
		else if ((m = /^Can see patients in (.+?) by (?:telehealth|video)\b/.exec(reason))) atoms.push({ id: `allowed:${m[1]}`, kind: 'allowed', value: m[1]! })
		else if ((m = /^Office about (\d+) miles? from the clinic/.exec(reason))) atoms.push({ id: `office:${m[1]}`, kind: 'office', value: m[1]! })
		else if (reason === 'Meets by video') atoms.push({ id: 'video', kind: 'video', value: '' })
		else if (reason.startsWith('Has free time soon after')) atoms.push({ id: 'soon', kind: 'soon', value: '' })
		else if (reason === 'A partner your clinic works with') atoms.push({ id: 'partner', kind: 'partner', value: '' })
	}
	return atoms
}

function atomsFor(request: PatientRequest, entry: CardInput): Atom[] {
	const { therapist } = entry
	const shared = (wanted: readonly string[], offered: readonly string[]) => wanted.filter((w) => offered.includes(w))
	const atoms = storedAtoms(entry.reasons)
	if (request.phases.length) atoms.push({ id: 'phases', kind: 'phases', value: '' })
	for (const slug of shared(request.modalities, therapist.modalities)) atoms.push({ id: `approaches:${slug}`, kind: 'approaches', value: slug })
	for (const slug of shared(request.focusAreas, therapist.focusAreas)) atoms.push({ id: `focus:${slug}`, kind: 'focus', value: slug })
	for (const code of shared(request.languages, therapist.languages).filter((l) => l !== 'en')) atoms.push({ id: `languages:${code}`, kind: 'languages', value: code })
	if (therapist.kapTrainingHours > 0) atoms.push({ id: `training:${therapist.kapTrainingHours}`, kind: 'training', value: String(therapist.kapTrainingHours) })
	if (request.paymentType === 'insurance' && request.payer && therapist.insurancePayers.includes(request.payer)) atoms.push({ id: 'insurance', kind: 'insurance', value: '' })
	else if (therapist.slidingScale) atoms.push({ id: 'slidingScale', kind: 'slidingScale', value: '' })
	// Each fact once, however many stored reasons say it.
	return atoms.filter((atom, i) => atoms.findIndex((a) => a.id === atom.id) === i)
}

export function listIn(lang: PatientLanguage, items: readonly string[]): string {
	return listFormat(LOCALES[lang], { type: 'conjunction' }).format(items)
}

export function languageName(lang: PatientLanguage, code: string): string {
	return displayNames(LOCALES[lang], { type: 'language' }).of(code) ?? code
}

/** The atoms of one kind as one sentence of the page ("Approaches that fit your request: ACT and IFS"). */
function sentences(atoms: readonly Atom[], request: PatientRequest, lang: PatientLanguage, t: T): string[] {
	const list = (items: string[]) => listIn(lang, items)
	return KINDS.flatMap((kind) => {
		const ofKind = atoms.filter((a) => a.kind === kind)
		if (!ofKind.length) return []
		const values = ofKind.map((a) => a.value)
		switch (kind) {
			case 'licensed':
			case 'allowed':
			case 'licensedOffice':
			case 'licensedClinic':
				return [t(`reason.${kind}`, { state: list(values) })]
			case 'phases':
				return [t('reason.phases', { phases: list(request.phases.map((p) => t(`phase.${p}` as 'phase.preparation'))) })]
			case 'office':
				return [t('reason.office', { miles: values[0]! })]
			case 'approaches':
				return [t('reason.approaches', { list: list(values.map((slug) => t(`modality.${slug}` as 'modality.cbt'))) })]
			case 'focus':
				return [t('reason.focus', { list: list(values.map((slug) => t(`focus.${slug}` as 'focus.depression'))) })]
			case 'languages':
				return [t('reason.languages', { list: list(values.map((code) => languageName(lang, code))) })]
			case 'training':
				return [t('reason.training', { hours: values[0]! })]
			default:
				return [t(`reason.${kind}`)]
		}
	})
}

const lowerFirst = (text: string) => (/^\p{Lu}\p{Ll}/u.test(text) ? text[0]!.toLocaleLowerCase() + text.slice(1) : text)

/** How this therapist sees patients, for this referral's format only. */
export function seesPatients(format: PatientRequest['format'], therapist: Pick<CardTherapist, 'formats' | 'officeTown'>, t: T): string {
	const video = format !== 'in_person' && therapist.formats.includes('telehealth')
	const office = format !== 'telehealth' && therapist.formats.includes('in_person')
	const town = therapist.officeTown
	if (video && office) return town ? t('sees.videoOrOffice', { town }) : t('sees.videoOrOfficeUnknown')
	if (office) return town ? t('sees.office', { town }) : t('sees.officeUnknown')
	return t('sees.video')
}

export function formatPatientTime(at: Date, timeZone: string, lang: PatientLanguage): string {
	return dateTimeFormat(LOCALES[lang], { weekday: 'long', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone })
		.format(at)
		.replace(/[\u202f\u00a0]/g, ' ')
}

export function formatPatientDate(at: Date, timeZone: string, lang: PatientLanguage): string {
	return dateTimeFormat(LOCALES[lang], { weekday: 'long', month: 'long', day: 'numeric', timeZone }).format(at)
}

/** "Central Time" / "hora central": the zone's generic name in the patient's language. */
export function zoneLabel(timeZone: string, lang: PatientLanguage): string {
	const part = dateTimeFormat(LOCALES[lang], { timeZone, timeZoneName: 'longGeneric' })
		.formatToParts(new Date(0))
		.find((p) => p.type === 'timeZoneName')
	return part?.value ?? timeZone
}

function facts(request: PatientRequest, therapist: CardTherapist, lang: PatientLanguage, t: T): [string, string][] {
	const fee =
		therapist.selfPayRate !== null
			? t(therapist.slidingScale ? 'card.feeRateSliding' : 'card.feeRate', { rate: therapist.selfPayRate })
			: therapist.slidingScale
				? t('card.slidingScale')
				: t('card.notListed')
	return [
		[t('card.seesPatients'), seesPatients(request.format, therapist, t)],
		[t('card.approaches'), therapist.modalities.map((m) => t(`modality.${m}` as 'modality.cbt')).join(', ') || t('card.notListed')],
		[
			t('card.languages'),
			listIn(
				lang,
				therapist.languages.map((code) => languageName(lang, code)),
			),
		],
		[t('card.training'), t('card.trainingHours', { hours: therapist.kapTrainingHours })],
		[t('card.fee'), fee],
		[t('card.insurance'), therapist.insurancePayers.map((p) => PAYERS.label(p)).join(', ') || t('card.none')],
	]
}

export type PatientCards = { shared: string | null; cards: PatientCard[] }

/**
 * The cards, in the shortlist's order. With two therapists or more, what every one of them shares
 * becomes one line above the cards, and each card keeps what is its own.
 */
export function patientCards(request: PatientRequest, entries: readonly CardInput[], timeZone: string, lang: PatientLanguage, t: T): PatientCards {
	const atoms = entries.map((entry) => atomsFor(request, entry))
	const common = entries.length > 1 ? new Set(atoms[0]!.filter((a) => atoms.every((others) => others.some((o) => o.id === a.id))).map((a) => a.id)) : new Set<string>()
	const sharedSentences = sentences(atoms[0]?.filter((a) => common.has(a.id)) ?? [], request, lang, t)
	return {
		shared: sharedSentences.length ? t('shared', { list: sharedSentences.map(lowerFirst).join('; ') }) : null,
		cards: entries.map((entry, i) => ({
			offerId: entry.offerId,
			name: entry.therapist.fullName,
			pronouns: entry.therapist.pronouns,
			credentials: entry.therapist.credentials,
			bio: entry.therapist.bio,
			hasPhoto: entry.therapist.hasPhoto,
			reasons: sentences(
				atoms[i]!.filter((a) => !common.has(a.id)),
				request,
				lang,
				t,
			),
			facts: facts(request, entry.therapist, lang, t),
			times: entry.proposedTimes.map((at) => ({ iso: at.toISOString(), label: formatPatientTime(at, timeZone, lang) })),
		})),
	}
}

export type ConfirmationInput = {
	therapist: Pick<CardTherapist, 'fullName' | 'formats' | 'officeTown' | 'hasPhoto'> & { email: string }
	format: PatientRequest['format']
	firstSessionAt: Date | null
	clinic: { name: string; city: string; state: string }
	reference: string
	timeZone: string
}

export type Confirmation = {
	title: string
	told: string
	session: string
	how: string | null
	reachTitle: string
	reachText: string
	email: string
	questions: string
}

/** What happens after the choice: who was told, the first session and how it happens, how to reach the therapist and the clinic. */
export function patientConfirmation(input: ConfirmationInput, lang: PatientLanguage, t: T): Confirmation {
	const name = input.therapist.fullName
	const inPerson = input.format === 'in_person' || (input.format === 'either' && !input.therapist.formats.includes('telehealth'))
	const town = input.therapist.officeTown
	return {
		title: t('done.title', { name }),
		told: t('done.told', { name, clinic: input.clinic.name }),
		session: input.firstSessionAt ? t('done.session', { time: `${formatPatientTime(input.firstSessionAt, input.timeZone, lang)} (${zoneLabel(input.timeZone, lang)})` }) : t('done.arrange', { name }),
		// With "either", a therapist who offers both agrees the format with the patient.
		how: inPerson
			? town
				? t('done.office', { name, town })
				: t('done.officeUnknown', { name })
			: input.format === 'either' && input.therapist.formats.includes('in_person')
				? null
				: t('done.video', { name }),
		reachTitle: t('done.reach', { name }),
		reachText: t('done.reachText', { name }),
		email: input.therapist.email,
		questions: t('done.questionsText', { clinic: input.clinic.name, city: `${input.clinic.city}, ${input.clinic.state}`, reference: input.reference }),
	}
}
