// What the patient's page reads beyond the shortlist (docs/product.md §4, §5): the request the cards
// are measured against, the patient's language, each therapist's office town and whether they
// have a photo, and — once chosen — the chosen therapist's practice email and the clinic to ask.
// A link reaches only its own referral's therapists, photos included.
import { z } from 'zod'
import { audit } from '#app/domain/audit/audit.server.ts'
import { hashToken, looksLikeToken } from '#app/domain/auth/tokens.ts'
import { referralReference } from '#app/domain/notifications/lifecycle-notices.ts'
import { patientTimeZone } from '#app/domain/reference/index.ts'
import { lookupZip } from '#app/domain/reference/zip-codes.server.ts'
import { getPhoto } from '#app/domain/therapists/profile-editing.server.ts'
import { type PatientLanguage, patientLanguage } from '#app/i18n/languages.ts'
import { db } from '#app/utils/db.server.ts'
import { readOneJson, utcTimestamp, sqlList, sqlStrings } from '#app/utils/sql-json.server.ts'
import { type CardTherapist, type PatientRequest } from './patient-cards.ts'
import { type Shortlist } from './patient-choice.server.ts'
import { type PatientLinkState, resolvePatientLink } from './patient-links.server.ts'
import { type PatientTexts, textsFor } from './patient-texts.server.ts'
import { posted } from './posted.ts'

/** Offers whose therapist the patient may see: those on the shortlist, and the one chosen. */
const VISIBLE = ['accepted', 'chosen'] as const

function officeTown(zip: string | null): string | null {
	if (!zip) return null
	const found = lookupZip(zip)
	return found.ok ? `${found.place.city}, ${found.place.state}` : null
}

export type PatientPage = { ok: true; linkId: string; shortlist: Shortlist } & {
	lang: PatientLanguage
	request: PatientRequest
	extras: Map<string, Pick<CardTherapist, 'officeTown' | 'hasPhoto' | 'focusAreas'>>
	clinic: { name: string; city: string; state: string }
	reference: string
	chosen: null | { offerId: string; therapist: Pick<CardTherapist, 'fullName' | 'formats' | 'officeTown' | 'hasPhoto'> & { email: string }; firstSessionAt: Date | null }
	texts: PatientTexts
}

export type PatientPageAccess = PatientPage | Extract<PatientLinkState, { ok: false }>

/**
 * The link, its referral, the clinic, the patient's language and phone, and the therapists the
 * patient may see, in one statement on the driver: the page is opened often, and the same reads
 * through Prisma took sixteen statements (docs/performance.md). A revoked or expired link reads
 * no referral. Offers in the shortlist's order: score (highest first, as PostgreSQL sorts nulls
 * in descending order: first), then the earliest answer.
 */
const PATIENT_PAGE_STATEMENT = `
SELECT json_build_object(
	'id', l.id, 'referralId', l."referralId", 'expiresAt', l."expiresAt", 'revoked', l."revokedAt" IS NOT NULL,
	'referral', (SELECT json_build_object(
		'status', r.status, 'patientState', r."patientState", 'firstSessionAt', r."firstSessionAt",
		'format', r.format, 'phases', r.phases, 'modalities', r.modalities, 'focusAreas', r."focusAreas", 'languages', r.languages, 'paymentType', r."paymentType", 'payer', r.payer,
		'clinic', json_build_object('name', c.name, 'city', c.city, 'state', c.state, 'timeZone', c."timeZone"),
		'patient', (SELECT json_build_object('language', p.language, 'phone', p.phone, 'smsOptOut', p."smsOptOut") FROM "ReferralPatient" p WHERE p."referralId" = r.id),
		'offers', coalesce((SELECT json_agg(json_build_object(
			'id', o.id, 'status', o.status, 'reasons', o.reasons, 'proposedTimes', o."proposedTimes",
			'therapist', json_build_object('fullName', t."fullName", 'pronouns', t.pronouns, 'credentials', t.credentials, 'bio', t.bio, 'formats', t.formats, 'modalities', t.modalities,
				'languages', t.languages, 'insurancePayers', t."insurancePayers", 'selfPayRate', t."selfPayRate", 'slidingScale', t."slidingScale", 'kapTrainingHours', t."kapTrainingHours",
				'email', t.email, 'focusAreas', t."focusAreas", 'officeZip', t."officeZip", 'hasPhoto', EXISTS (SELECT 1 FROM "TherapistPhoto" ph WHERE ph."therapistId" = t.id)))
			ORDER BY o.score DESC, o."respondedAt" ASC, o.id ASC)
			FROM "Offer" o JOIN "Therapist" t ON t.id = o."therapistId" WHERE o."referralId" = r.id AND o.status IN ('accepted', 'chosen')), '[]'::json))
		FROM "Referral" r JOIN "Clinic" c ON c.id = r."clinicId"
		WHERE r.id = l."referralId" AND l."revokedAt" IS NULL AND l."expiresAt" > ($2::timestamptz AT TIME ZONE 'UTC'))
) AS json
FROM "PatientLink" l WHERE l."tokenHash" = $1::text`

const strings = sqlStrings
const PatientPageRow = z.object({
	id: z.string(),
	referralId: z.string(),
	expiresAt: utcTimestamp,
	revoked: z.boolean(),
	referral: z
		.object({
			status: z.string(),
			patientState: z.string().nullable(),
			firstSessionAt: utcTimestamp.nullable(),
			format: z.enum(['telehealth', 'in_person', 'either']).nullable(),
			phases: strings,
			modalities: strings,
			focusAreas: strings,
			languages: strings,
			paymentType: z.enum(['insurance', 'self_pay']).nullable(),
			payer: z.string().nullable(),
			clinic: z.object({ name: z.string(), city: z.string(), state: z.string(), timeZone: z.string() }),
			patient: z.object({ language: z.string().nullable(), phone: z.string().nullable(), smsOptOut: z.boolean() }).nullable(),
			offers: z.array(
				z.object({
					id: z.string(),
					status: z.enum(VISIBLE),
					reasons: strings,
					proposedTimes: sqlList(utcTimestamp),
					therapist: z.object({
						fullName: z.string(),
						pronouns: z.string().nullable(),
						credentials: z.string(),
						bio: z.string(),
						formats: strings,
						modalities: strings,
						languages: strings,
						insurancePayers: strings,
						selfPayRate: z.number().int().nullable(),
						slidingScale: z.boolean(),
						kapTrainingHours: z.number().int(),
						email: z.string(),
						focusAreas: strings,
						officeZip: z.string().nullable(),
						hasPhoto: z.boolean(),
					}),
				}),
			),
		})
		.nullable(),
})

export async function patientPage(token: string, now: Date): Promise<PatientPageAccess> {
	if (!looksLikeToken(token)) return { ok: false, reason: 'unknown' }
	const link = await readOneJson({ name: 'patient_page', text: PATIENT_PAGE_STATEMENT, values: [hashToken(token), now.toISOString()] }, PatientPageRow)
	if (!link) return { ok: false, reason: 'unknown' }
	if (link.revoked) return { ok: false, reason: 'revoked' }
	if (link.expiresAt <= now) return { ok: false, reason: 'expired' }
	const referral = link.referral
	// The statement reads the referral of every link it did not refuse above.
	if (!referral) throw new Error('A patient link without its referral.')
	const extras = new Map(referral.offers.map((o) => [o.id, { officeTown: officeTown(o.therapist.officeZip), hasPhoto: o.therapist.hasPhoto, focusAreas: o.therapist.focusAreas }]))
	const chosen = referral.offers.find((o) => o.status === 'chosen')
	const essentials = ({ email: _email, focusAreas: _focusAreas, officeZip: _officeZip, hasPhoto: _hasPhoto, ...therapist }: (typeof referral.offers)[number]['therapist']) => therapist
	return {
		ok: true,
		linkId: link.id,
		shortlist: {
			referralId: link.referralId,
			status: referral.status,
			timeZone: patientTimeZone(posted(referral.patientState, 'patient state'), referral.clinic),
			linkExpiresAt: link.expiresAt,
			entries: referral.offers
				.filter((o) => o.status === 'accepted')
				.map((o) => ({ offerId: o.id, therapist: essentials(o.therapist), reasons: o.reasons, proposedTimes: o.proposedTimes.filter((t) => t > now) })),
			chosen: chosen ? { fullName: chosen.therapist.fullName, firstSessionAt: referral.firstSessionAt } : null,
		},
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
		clinic: { name: referral.clinic.name, city: referral.clinic.city, state: referral.clinic.state },
		reference: referralReference(link.referralId),
		chosen: chosen
			? {
					offerId: chosen.id,
					therapist: { fullName: chosen.therapist.fullName, email: chosen.therapist.email, formats: chosen.therapist.formats, ...extras.get(chosen.id)! },
					firstSessionAt: referral.firstSessionAt,
				}
			: null,
		texts: textsFor(referral.patient),
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
