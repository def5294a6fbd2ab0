// What the patient's page reads beyond the shortlist (docs/product.md §4, §5): the request the cards
// are measured against, the patient's language, each therapist's office town and whether they
// have a photo, and — once chosen — the chosen therapist's practice email and the clinic to ask.
// A link reaches only its own referral's therapists, photos included.
import { audit } from '#app/domain/audit/audit.server.ts'
import { referralReference } from '#app/domain/notifications/lifecycle-notices.ts'
import { lookupZip } from '#app/domain/reference/zip-codes.server.ts'
import { getPhoto } from '#app/domain/therapists/profile-editing.server.ts'
import { type PatientLanguage, patientLanguage } from '#app/i18n/languages.ts'
import { db } from '#app/utils/db.server.ts'
import { type CardTherapist, type PatientRequest } from './patient-cards.ts'
import { patientShortlist, type ShortlistAccess } from './patient-choice.server.ts'
import { resolvePatientLink } from './patient-links.server.ts'

/** Offers whose therapist the patient may see: those on the shortlist, and the one chosen. */
const VISIBLE = ['accepted', 'chosen'] as const

function officeTown(zip: string | null): string | null {
	if (!zip) return null
	const found = lookupZip(zip)
	return found.ok ? `${found.place.city}, ${found.place.state}` : null
}

export type PatientPage = Extract<ShortlistAccess, { ok: true }> & {
	lang: PatientLanguage
	request: PatientRequest
	extras: Map<string, Pick<CardTherapist, 'officeTown' | 'hasPhoto' | 'focusAreas'>>
	clinic: { name: string; city: string; state: string }
	reference: string
	chosen: null | { offerId: string; therapist: Pick<CardTherapist, 'fullName' | 'formats' | 'officeTown' | 'hasPhoto'> & { email: string }; firstSessionAt: Date | null }
}

export type PatientPageAccess = PatientPage | Extract<ShortlistAccess, { ok: false }>

export async function patientPage(token: string, now: Date): Promise<PatientPageAccess> {
	const access = await patientShortlist(token, now)
	if (!access.ok) return access
	const referral = await db().referral.findUniqueOrThrow({
		where: { id: access.shortlist.referralId },
		select: {
			format: true,
			phases: true,
			modalities: true,
			focusAreas: true,
			languages: true,
			paymentType: true,
			payer: true,
			firstSessionAt: true,
			clinic: { select: { name: true, city: true, state: true } },
			patient: { select: { language: true } },
			offers: {
				where: { status: { in: [...VISIBLE] } },
				select: { id: true, status: true, therapist: { select: { fullName: true, email: true, formats: true, focusAreas: true, officeZip: true, photo: { select: { therapistId: true } } } } },
			},
		},
	})
	const extras = new Map(referral.offers.map((o) => [o.id, { officeTown: officeTown(o.therapist.officeZip), hasPhoto: o.therapist.photo !== null, focusAreas: o.therapist.focusAreas }]))
	const chosen = referral.offers.find((o) => o.status === 'chosen')
	return {
		...access,
		lang: patientLanguage(referral.patient?.language, referral.languages),
		request: {
			format: referral.format ?? 'telehealth',
			phases: referral.phases,
			modalities: referral.modalities,
			focusAreas: referral.focusAreas,
			languages: referral.languages,
			paymentType: referral.paymentType,
			payer: referral.payer,
		},
		extras,
		clinic: referral.clinic,
		reference: referralReference(access.shortlist.referralId),
		chosen: chosen
			? {
					offerId: chosen.id,
					therapist: { fullName: chosen.therapist.fullName, email: chosen.therapist.email, formats: chosen.therapist.formats, ...extras.get(chosen.id)! },
					firstSessionAt: referral.firstSessionAt,
				}
			: null,
	}
}

/** The patient picks the language of their page (and of the emails they get next). */
export async function setPatientLanguage(linkId: string, referralId: string, language: PatientLanguage): Promise<void> {
	await db().referralPatient.updateMany({ where: { referralId }, data: { language } })
	await audit({ actorId: null, action: 'patient_link.language_chosen', entity: 'referral', entityId: referralId, details: { patientLinkId: linkId, language } })
}

/** The photo of a therapist on this link's shortlist (or the one chosen), by their offer; null for anyone else, or with no photo. */
export async function shortlistPhoto(token: string, offerId: string, now: Date) {
	const link = await resolvePatientLink(token, now)
	if (!link.ok) return null
	const offer = await db().offer.findFirst({ where: { id: offerId, referralId: link.referralId, status: { in: [...VISIBLE] } }, select: { therapistId: true } })
	return offer ? getPhoto(offer.therapistId) : null
}
