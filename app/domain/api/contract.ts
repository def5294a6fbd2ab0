// What the clinic API (docs/product.md §8.3) takes and gives, as zod schemas: requests are checked
// with them, and the OpenAPI document (./openapi.ts) is generated from them, so the two agree.
import { z } from 'zod'
import { FILTERS } from '#app/domain/matching/eligibility.ts'
import { OFFER_STATUSES } from '#app/domain/referrals/offers.ts'
import { REFERRAL_STATUSES } from '#app/domain/referrals/statuses.ts'
import { CLINIC_ACTIONS } from '#app/domain/referrals/transitions.ts'
import { PLANNED_STATUSES, SESSION_PHASES } from '#app/domain/series/plan.ts'

export const MATCHES_DEFAULT_LIMIT = 20
export const MATCHES_MAX_LIMIT = 100

export const ReferralActionSchema = z
	.object({
		action: z.enum(CLINIC_ACTIONS, { errorMap: () => ({ message: `Use one of ${CLINIC_ACTIONS.join(', ')}.` }) }),
		reason: z.string({ invalid_type_error: 'Give the reason as text.' }).trim().max(500, 'Keep the reason under 500 characters.').optional(),
	})
	.strict()

const Status = z.enum(REFERRAL_STATUSES)
const FhirStatus = z.object({ status: z.string(), businessStatus: z.string().optional() })
const Actor = z.enum(['user', 'api_key', 'patient', 'tandem'])

export const CreatedReferralSchema = z.object({ id: z.string(), status: Status })

export const ReferralResourceSchema = z.object({
	id: z.string(),
	status: Status,
	fhirStatus: FhirStatus.describe('The FHIR Task.status (and businessStatus) for this status (docs/product.md §4).'),
	fhir: FhirStatus.describe('Deprecated: the same as fhirStatus.'),
	allowedActions: z.array(z.enum(CLINIC_ACTIONS)),
	patientState: z.string().optional().describe('Left out while a draft has none; so is every field posting needs.'),
	ageBand: z.string().optional(),
	phases: z.array(z.string()).describe('Empty while a draft has none.'),
	format: z.enum(['telehealth', 'in_person', 'either']).optional(),
	modalities: z.array(z.string()),
	focusAreas: z.array(z.string()),
	languages: z.array(z.string()),
	payment: z
		.object({ type: z.enum(['insurance', 'self_pay']).optional(), payer: z.string().optional(), maxRate: z.number().int().optional() })
		.optional()
		.describe('Left out while a draft has none of it; a draft without a type may hold a payer or a budget.'),
	urgency: z.enum(['routine', 'urgent']),
	dosing: z.object({
		firstSessionAt: z.string().optional().describe('The first dose, ISO 8601 with the clinic’s offset.'),
		sessions: z.number().int().optional(),
		cadenceDays: z.number().int().optional().describe('Days between doses, when every dose is that many days after the one before at the same clock time.'),
		sessionsAt: z
			.array(z.string())
			.optional()
			.describe('Every dose, ISO 8601, each with the clinic’s offset on its own date. Left out, as is whatever else of the series is missing, while a draft’s series is incomplete.'),
		durationMinutes: z.number().int().describe('How long each dose takes at the clinic.'),
	}),
	preparationWindowHours: z.object({ from: z.number().int(), to: z.number().int() }).describe('Hours before the first dose.'),
	integrationWindowHours: z.object({ from: z.number().int(), to: z.number().int() }),
	timingRequired: z.boolean(),
	acceptSupervised: z.boolean().describe('Supervised (associate) licences count for this referral (the clinic’s setting when not given).'),
	radiusMiles: z.number().int(),
	patient: z
		.object({ firstName: z.string().optional(), lastName: z.string().optional(), email: z.string().optional(), phone: z.string().optional(), birthDate: z.string().optional(), notes: z.string() })
		.nullable()
		.describe('A posted referral’s patient has every field but phone; a draft’s leaves out what it was not given.'),
	missingForPosting: z
		.array(z.object({ path: z.string(), message: z.string() }))
		.optional()
		.describe('Drafts only: the required fields posting still needs, named as in the request body (empty when the draft can be posted).'),
	createdAt: z.string(),
	postedAt: z.string().nullable(),
	firstSessionAt: z.string().nullable().describe('The booked first session with the chosen therapist.'),
	outcome: z.string().nullable().describe('How the episode of support ended (completed referrals).'),
	offers: z.array(
		z.object({
			id: z.string(),
			therapist: z.object({ id: z.string(), fullName: z.string() }),
			status: z.enum(OFFER_STATUSES),
			round: z.number().int(),
			sentAt: z.string(),
			respondedAt: z.string().nullable(),
			proposedTimes: z.array(z.string()).describe('First-session times the therapist proposed when accepting.'),
		}),
	),
	timeline: z.array(z.object({ at: z.string(), from: Status.nullable(), to: Status, by: Actor, reason: z.string().nullable() })),
	sessions: z
		.array(
			z.object({
				id: z.string().describe('Stable for the session’s life.'),
				phase: z.enum(SESSION_PHASES),
				doseIndex: z.number().int().describe('The dose it belongs to, from 1; preparation belongs to the first.'),
				startsAt: z.string(),
				endsAt: z.string(),
				status: z.enum(PLANNED_STATUSES),
			}),
		)
		.describe('The series plan with the chosen therapist (docs/product.md §4a), in time order; empty until a therapist is chosen.'),
	offerTimeline: z.array(z.object({ offerId: z.string(), at: z.string(), from: z.enum(OFFER_STATUSES).nullable(), to: z.enum(OFFER_STATUSES), by: Actor, reason: z.string().nullable() })),
})

export const MatchesSchema = z.object({
	total: z.number().int().describe('How many therapists fit every requirement (matches holds the best `limit` of them).'),
	matches: z.array(
		z.object({
			therapist: z.object({ id: z.string(), email: z.string(), fullName: z.string() }),
			score: z.number().describe('Fit out of 100; payment never changes it.'),
			reasons: z.array(z.string()).describe('Why this therapist fits, in words a patient understands.'),
		}),
	),
	excluded: z
		.object(Object.fromEntries(FILTERS.map((f) => [f, z.number().int()])) as Record<(typeof FILTERS)[number], z.ZodNumber>)
		.describe('How many therapists each filter left out, first failing filter only.'),
})

export const TherapistsPageSchema = z.object({
	total: z.number().int().describe('How many therapists match every filter (therapists holds one page of them).'),
	page: z.number().int(),
	pageSize: z.number().int(),
	therapists: z.array(
		z.object({
			id: z.string(),
			email: z.string(),
			fullName: z.string(),
			credentials: z.string(),
			canSeeStates: z
				.array(z.string())
				.describe(
					'Where a session with the therapist may happen today, by the place of each session: by telehealth where the patient is (a licence there, or a covering authorization), in person in the state of their office (a licence there).',
				),
			inSessionStates: z.array(z.string()).describe('Where the therapist may give in-session support today: at clinics in the states they are licensed in (empty when they do not offer it).'),
			formats: z.array(z.string()),
			phases: z.array(z.string()),
			modalities: z.array(z.string()),
			languages: z.array(z.string()),
			miles: z.number().optional().describe('In an in-person search: from the clinic to the office.'),
		}),
	),
})

export const ActionResultSchema = z.object({ id: z.string(), status: Status })

export const ProblemSchema = z.object({
	type: z.string(),
	title: z.string(),
	status: z.number().int(),
	detail: z.string(),
	errors: z.array(z.object({ path: z.string().describe('The field, as a dotted path (patient.email, phases.0).'), message: z.string() })).optional(),
	allowedActions: z.array(z.enum(CLINIC_ACTIONS)).optional(),
	referralStatus: Status.optional(),
	billingUrl: z.string().describe('On 402: the clinic’s billing page, where an admin can start or fix the subscription.').optional(),
})
