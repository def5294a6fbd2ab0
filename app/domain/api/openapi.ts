// The OpenAPI 3.1 document of the clinic API, generated from the same zod schemas that check the
// requests (./contract.ts and the referral input), served at /api/v1/openapi.json.
import { zodToJsonSchema } from 'zod-to-json-schema'
import { type ZodTypeAny } from 'zod'
import { AGE_BANDS, FOCUS_AREAS, FORMATS, LANGUAGE_CODES, MODALITIES, PAYERS, PHASES, STATE_CODES } from '#app/domain/reference/index.ts'
import { ReferralInputSchema, REQUIRED_FOR_POSTING } from '#app/domain/referrals/referral-input.ts'
import { DIRECTORY_DEFAULT_RADIUS, DIRECTORY_MAX_PAGE, DIRECTORY_MAX_PAGE_SIZE, DIRECTORY_MAX_RADIUS, DIRECTORY_PAGE_SIZE, DIRECTORY_SORTS } from '#app/domain/directory/directory-query.ts'
import {
	ActionResultSchema,
	CreatedReferralSchema,
	MATCHES_DEFAULT_LIMIT,
	MATCHES_MAX_LIMIT,
	MatchesSchema,
	ProblemSchema,
	ReferralActionSchema,
	ReferralResourceSchema,
	TherapistsPageSchema,
} from './contract.ts'

const schema = (zod: ZodTypeAny, io: 'input' | 'output' = 'output') => {
	const { $schema: _ignored, ...rest } = zodToJsonSchema(zod, { target: 'openApi3', effectStrategy: 'input', pipeStrategy: io, $refStrategy: 'none' }) as Record<string, unknown>
	return rest
}

type JsonSchema = { properties?: Record<string, JsonSchema>; items?: JsonSchema; enum?: readonly string[] }

/** The slug lists are checked by refinements, which JSON Schema cannot see; name their values. */
function withSlugEnums(input: Record<string, unknown>) {
	const root = input as JsonSchema
	const set = (target: JsonSchema | undefined, values: readonly string[]) => {
		if (target) target.enum = values
	}
	const p = root.properties!
	set(p.patientState, STATE_CODES)
	set(p.ageBand, AGE_BANDS.slugs)
	set(p.phases?.items, PHASES.slugs)
	set(p.modalities?.items, MODALITIES.slugs)
	set(p.focusAreas?.items, FOCUS_AREAS.slugs)
	set(p.languages?.items, LANGUAGE_CODES)
	set(p.payment?.properties?.payer, PAYERS.slugs)
	return input
}

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } })
const ok = (description: string, ref: string) => ({ description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } })
const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'The referral’s id, as returned when it was created.' }
/** The directory's query parameters (directory-query.ts); lists repeat the parameter or separate values with commas. */
const list = (values: readonly string[]) => ({ type: 'array', items: { type: 'string', enum: values } })
const directoryParameters = [
	['state', { type: 'string', enum: STATE_CODES }, 'Can see patients located in this state today.'],
	['format', { type: 'string', enum: FORMATS.slugs }, 'telehealth, or in_person: an office within radius miles of the clinic and a license in state.'],
	['radius', { type: 'integer', minimum: 1, maximum: DIRECTORY_MAX_RADIUS, default: DIRECTORY_DEFAULT_RADIUS }, 'Miles; with format=in_person only.'],
	['phase', list(PHASES.slugs), 'Offers every one of these phases.'],
	['modality', list(MODALITIES.slugs), 'Uses at least one of these approaches.'],
	['focus', list(FOCUS_AREAS.slugs), 'Works with at least one of these focus areas.'],
	['language', list(LANGUAGE_CODES), 'Speaks at least one of these.'],
	['payer', { type: 'string', enum: PAYERS.slugs }, 'Takes this insurer (or, with maxRate, either way of paying).'],
	['maxRate', { type: 'integer', minimum: 0 }, 'Charges at most this many dollars self-pay, or has a sliding scale.'],
	['accepting', { type: 'boolean' }, 'Accepting new referrals, or not.'],
	['minKapHours', { type: 'integer', minimum: 0 }, 'At least this many hours of KAP training.'],
	['name', { type: 'string', maxLength: 100 }, 'Part of the name.'],
	['partners', { type: 'string', enum: ['only', 'any'] }, 'only: the clinic’s preferred partners.'],
	['supervised', { type: 'string', enum: ['include', 'exclude'] }, 'include: supervised (associate) licences count too, as for a referral that accepts them.'],
	['sort', { type: 'string', enum: DIRECTORY_SORTS, default: 'relevance' }, 'relevance (partner, accepting, training; ties by a fair hash), training, or distance (format=in_person only).'],
	['page', { type: 'integer', minimum: 1, maximum: DIRECTORY_MAX_PAGE, default: 1 }, ''],
	['pageSize', { type: 'integer', minimum: 1, maximum: DIRECTORY_MAX_PAGE_SIZE, default: DIRECTORY_PAGE_SIZE }, ''],
].map(([name, schema, description]) => ({
	name,
	in: 'query',
	required: false,
	schema,
	...(description ? { description } : {}),
	...((schema as { type: string }).type === 'array' ? { style: 'form', explode: true } : {}),
}))
const common = { '401': problem('No key, or an unknown or revoked one.'), '429': problem('Too many calls; see Retry-After.') }

export function openApiDocument(serverUrl: string) {
	return {
		openapi: '3.1.0',
		info: {
			title: 'Tandem clinic API',
			version: '1',
			description:
				'For clinics’ EHRs and scripts: write referrals, follow them, and read the suggested therapists. Authenticate with `Authorization: Bearer <clinic API key>`; clinic admins create keys in the clinic’s API keys page. Errors are RFC 9457 problem+json, with one entry per invalid field; unknown fields are refused.',
		},
		servers: [{ url: serverUrl }],
		security: [{ clinicKey: [] }],
		paths: {
			'/api/v1/referrals': {
				post: {
					summary: 'Write a referral, as a draft or posted at once (post: true)',
					description:
						'A draft may be incomplete: every field given must be valid, and none is required. Posting (post: true here, or the post action on a draft) needs patientState, phases, format, ageBand, payment.type (and payment.payer with insurance), the dosing series (dosing.sessionsAt, or dosing.firstSessionAt with sessions and, unless there is one session, cadenceDays) and the patient’s firstName, lastName, email and birthDate; a refused post answers 400 with one entry per missing or invalid field.',
					requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ReferralInput' } } } },
					responses: {
						'201': ok('Created.', 'CreatedReferral'),
						'400': problem('Invalid fields, each named in errors.'),
						'402': problem('Posting refused: the clinic’s subscription is not in good standing (billingUrl says where an admin fixes it). Drafts are not refused.'),
						'413': problem('Body over 64 KB.'),
						'415': problem('Not JSON.'),
						...common,
					},
				},
			},
			'/api/v1/referrals/{id}': {
				get: {
					summary: 'A referral, its status and timeline',
					description:
						'What a draft has not been given is left out of the body (never null; patient is null only when no patient details were ever given), and a draft’s missingForPosting lists what posting still needs.',
					parameters: [idParameter],
					responses: { '200': ok('The referral.', 'Referral'), '404': problem('No referral of your clinic has this id.'), ...common },
				},
			},
			'/api/v1/referrals/{id}/sessions.ics': {
				get: {
					summary: 'The referral’s series plan as iCalendar (RFC 5545)',
					description:
						'One event per planned session, empty until a therapist is chosen: UID the session’s id (stable for its life), SEQUENCE counting every change of its time or status, DTSTART and DTEND in UTC, STATUS TENTATIVE (proposed), CONFIRMED (booked, held, missed) or CANCELLED. SUMMARY is the referral’s reference and the phase; no property carries the patient’s details. A session still waiting for a time is left out.',
					parameters: [idParameter],
					responses: {
						'200': { description: 'The sessions as an iCalendar object.', content: { 'text/calendar': { schema: { type: 'string' } } } },
						'404': problem('No referral of your clinic has this id.'),
						...common,
					},
				},
			},
			'/api/v1/referrals/{id}/matches': {
				get: {
					summary: 'Suggested therapists, best first, and how many each filter left out',
					parameters: [idParameter, { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: MATCHES_MAX_LIMIT, default: MATCHES_DEFAULT_LIMIT } }],
					responses: {
						'200': ok('The ranking.', 'Matches'),
						'400': problem('An invalid limit or an unknown parameter.'),
						'404': problem('No referral of your clinic has this id.'),
						'409': problem('The referral is a draft still missing what posting needs; errors names each missing field.'),
						...common,
					},
				},
			},
			'/api/v1/referrals/{id}/actions': {
				post: {
					summary: 'Post, cancel or post again',
					parameters: [idParameter],
					requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ReferralAction' } } } },
					responses: {
						'200': ok('The new status.', 'ActionResult'),
						'400': problem('Invalid fields; or posting a draft that is incomplete, with each missing field named in errors.'),
						'402': problem('Posting refused: the clinic’s subscription is not in good standing (billingUrl says where an admin fixes it).'),
						'404': problem('No referral of your clinic has this id.'),
						'409': problem('Not allowed in the referral’s status; allowedActions says what is.'),
						...common,
					},
				},
			},
			'/api/v1/therapists': {
				get: {
					summary: 'The partner directory: therapists by where they can see patients, format, phase, approach, language and payment',
					description: 'The clinic’s blocked therapists are left out.',
					parameters: directoryParameters,
					responses: { '200': ok('One page of therapists.', 'TherapistsPage'), '400': problem('An invalid or unknown parameter, each named in errors.'), ...common },
				},
			},
		},
		components: {
			securitySchemes: { clinicKey: { type: 'http', scheme: 'bearer', description: 'A clinic API key: tdm_ and 32 characters.' } },
			schemas: {
				ReferralInput: {
					...withSlugEnums(schema(ReferralInputSchema, 'input')),
					description:
						'No field is required to save a draft; posting needs the fields listed in x-required-to-post (payment.payer with insurance only; dosing.sessionsAt may stand for the dosing fields; cadenceDays is not needed for one session).',
					'x-required-to-post': Object.keys(REQUIRED_FOR_POSTING),
				},
				ReferralAction: schema(ReferralActionSchema, 'input'),
				CreatedReferral: schema(CreatedReferralSchema),
				Referral: schema(ReferralResourceSchema),
				Matches: schema(MatchesSchema),
				ActionResult: schema(ActionResultSchema),
				TherapistsPage: schema(TherapistsPageSchema),
				Problem: schema(ProblemSchema),
			},
		},
	}
}
