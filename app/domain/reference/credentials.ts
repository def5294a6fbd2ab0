// License types and authorization kinds (docs/product.md §2, §9). Only an independent license makes a
// therapist eligible on its own; supervised ones count only when a clinic opts in.

export const LICENSE_TYPES = [
	{ slug: 'lpc', label: 'Licensed Professional Counselor (LPC)', independent: true, profession: 'counselor' },
	{ slug: 'lmhc', label: 'Licensed Mental Health Counselor (LMHC)', independent: true, profession: 'counselor' },
	{ slug: 'lcpc', label: 'Licensed Clinical Professional Counselor (LCPC)', independent: true, profession: 'counselor' },
	{ slug: 'lcmhc', label: 'Licensed Clinical Mental Health Counselor (LCMHC)', independent: true, profession: 'counselor' },
	{ slug: 'lcsw', label: 'Licensed Clinical Social Worker (LCSW)', independent: true, profession: 'social_worker' },
	{ slug: 'licsw', label: 'Licensed Independent Clinical Social Worker (LICSW)', independent: true, profession: 'social_worker' },
	{ slug: 'lisw', label: 'Licensed Independent Social Worker (LISW)', independent: true, profession: 'social_worker' },
	{ slug: 'lmft', label: 'Licensed Marriage and Family Therapist (LMFT)', independent: true, profession: 'mft' },
	{ slug: 'psychologist', label: 'Licensed Psychologist', independent: true, profession: 'psychologist' },
	{ slug: 'pmhnp', label: 'Psychiatric Mental Health Nurse Practitioner (PMHNP)', independent: true, profession: 'nurse_practitioner' },
	{ slug: 'lpc_associate', label: 'LPC Associate (supervised)', independent: false, profession: 'counselor' },
	{ slug: 'lmsw', label: 'Licensed Master Social Worker (supervised)', independent: false, profession: 'social_worker' },
	{ slug: 'lmft_associate', label: 'LMFT Associate (supervised)', independent: false, profession: 'mft' },
] as const

export type LicenseTypeSlug = (typeof LICENSE_TYPES)[number]['slug']
export type Profession = (typeof LICENSE_TYPES)[number]['profession']

const licenseTypes = new Map<string, (typeof LICENSE_TYPES)[number]>(LICENSE_TYPES.map((t) => [t.slug, t]))

export function isLicenseType(value: string): value is LicenseTypeSlug {
	return licenseTypes.has(value)
}

export function isIndependentLicense(type: string): boolean {
	return licenseTypes.get(type)?.independent ?? false
}

export function licenseProfession(type: string): Profession | undefined {
	return licenseTypes.get(type)?.profession
}

export function licenseTypeLabel(type: string): string {
	return licenseTypes.get(type)?.label ?? type
}

export const AUTHORIZATION_KINDS = [
	{
		slug: 'psypact_apit',
		label: 'PSYPACT Authority to Practice Interjurisdictional Telepsychology (APIT)',
		compact: 'psypact',
		profession: 'psychologist',
	},
	{
		slug: 'counseling_privilege',
		label: 'Counseling Compact privilege to practise',
		compact: 'counseling_compact',
		profession: 'counselor',
	},
	{
		slug: 'state_telehealth',
		label: 'State out-of-state telehealth registration',
		compact: null,
		profession: null,
	},
] as const

export type AuthorizationKindSlug = (typeof AUTHORIZATION_KINDS)[number]['slug']

const authorizationKinds = new Map<string, (typeof AUTHORIZATION_KINDS)[number]>(AUTHORIZATION_KINDS.map((k) => [k.slug, k]))

export function isAuthorizationKind(value: string): value is AuthorizationKindSlug {
	return authorizationKinds.has(value)
}

export function authorizationKindLabel(kind: string): string {
	return authorizationKinds.get(kind)?.label ?? kind
}

export const CREDENTIAL_STATUSES = ['pending', 'verified', 'rejected', 'suspended', 'revoked'] as const
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number]
