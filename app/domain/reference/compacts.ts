// Interstate compacts as of 2026 (docs/product.md §3): the initial contents of the Compact and
// CompactMember tables, which admins then keep current. Code must read membership from the
// database, not from here; this is only what a new database starts with.

export type CompactSeed = {
	slug: string
	name: string
	/** Whether the compact issues authorizations yet. Enactment alone gives nobody anything. */
	issuing: boolean
	asOf: string
	source: string
	notes?: string
	members: readonly string[]
}

export const INITIAL_COMPACTS: readonly CompactSeed[] = [
	{
		slug: 'psypact',
		name: 'PSYPACT (Psychology Interjurisdictional Compact)',
		issuing: true,
		asOf: '2026-01-01',
		source: 'PSYPACT Commission, https://psypact.gov',
		members: [
			'AL',
			'AZ',
			'AR',
			'CO',
			'CT',
			'DE',
			'DC',
			'FL',
			'GA',
			'ID',
			'IL',
			'IN',
			'KS',
			'KY',
			'ME',
			'MD',
			'MI',
			'MN',
			'MS',
			'MO',
			'MT',
			'NE',
			'NV',
			'NH',
			'NJ',
			'NC',
			'ND',
			'OH',
			'OK',
			'PA',
			'RI',
			'SC',
			'SD',
			'TN',
			'TX',
			'UT',
			'VT',
			'VA',
			'WA',
			'WV',
			'WI',
			'WY',
		],
	},
	{
		slug: 'counseling_compact',
		name: 'Counseling Compact',
		issuing: true,
		asOf: '2026-01-01',
		source: 'Counseling Compact Commission, https://counselingcompact.gov',
		notes: 'Privileges first issued 2025-09-30 (AZ, MN). Only stored privileges count, one per remote state.',
		members: ['AZ', 'MN'],
	},
	{
		slug: 'social_work_compact',
		name: 'Social Work Licensure Compact',
		issuing: false,
		asOf: '2026-06-30',
		source: 'Social Work Licensure Compact Commission, https://swcompact.org',
		notes: 'No multistate licenses issued as of mid-2026. Switch on when it issues them.',
		members: [],
	},
]
