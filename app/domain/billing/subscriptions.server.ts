// A clinic's subscription as Tandem stores it (docs/product.md §7): what the billing page shows and
// whether the clinic may post referrals. Only the webhook (stripe-webhook.server.ts) writes it.
import { type Prisma } from '#app/generated/prisma/client.ts'
import { db } from '#app/utils/db.server.ts'
import { env } from '#app/utils/env.server.ts'
import { postingEntitlement, type Entitlement } from './entitlement.ts'

type Client = Prisma.TransactionClient | ReturnType<typeof db>

export function billingMode(): 'demo' | 'stripe' {
	return env().billing.mode
}

export function clinicSubscription(clinicId: string, client: Client = db()) {
	return client.clinicSubscription.findUnique({ where: { clinicId } })
}

/** Whether the clinic may post referrals now; inside a posting transaction, pass its client. */
export async function clinicPostingEntitlement(clinicId: string, now: Date, client: Client = db()): Promise<Entitlement> {
	const mode = billingMode()
	if (mode === 'demo') return postingEntitlement(mode, null, now)
	const stored = await client.clinicSubscription.findUnique({ where: { clinicId }, select: { status: true, pastDueSince: true } })
	return postingEntitlement(mode, stored?.status ? { status: stored.status, pastDueSince: stored.pastDueSince } : null, now)
}
