// Headline numbers about the therapist network, for the landing page.
import { db } from '#app/utils/db.server.ts'
import { LICENSE_TYPES } from '../reference/index.ts'

const INDEPENDENT_TYPES = LICENSE_TYPES.filter((t) => t.independent).map((t) => t.slug)

export type NetworkSummary = { acceptingTherapists: number; licensedStates: number }

export async function getNetworkSummary(today: Date = new Date()): Promise<NetworkSummary> {
	const [acceptingTherapists, states] = await Promise.all([
		db().therapist.count({ where: { accepting: true } }),
		db().license.findMany({
			where: { status: 'verified', expiresOn: { gte: today }, type: { in: INDEPENDENT_TYPES } },
			distinct: ['state'],
			select: { state: true },
		}),
	])
	return { acceptingTherapists, licensedStates: states.length }
}
