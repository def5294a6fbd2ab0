// The billing page's form (docs/product.md §7): a clinic admin starts a subscription through
// Stripe Checkout, or opens the Customer Portal to manage it. Shared by the browser (Conform) and the server.
import { z } from 'zod'

export const BILLING_INTENTS = ['checkout', 'portal'] as const
export type BillingIntent = (typeof BILLING_INTENTS)[number]

export const BillingActionSchema = z.object({
	intent: z.enum(BILLING_INTENTS, { errorMap: () => ({ message: 'Choose to start a subscription or to manage it.' }) }),
})
