// A clinic's billing page (docs/product.md §7, docs/billing.md), for its clinic admins: the plan, the
// subscription's status, next invoice and trial or grace; a button to Stripe Checkout to start
// one, or to the Customer Portal to change or cancel it. In demo mode it says so, and nothing else.
import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { type ReactNode } from 'react'
import { Button } from '#app/components/ui/button.tsx'
import { Card } from '#app/components/ui/card.tsx'
import { FormError, Notice, SubmitButton } from '#app/components/ui/forms.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pill, type PillTone } from '#app/components/ui/pill.tsx'
import { openCustomerPortal, startCheckout } from '#app/domain/billing/checkout.server.ts'
import { PLANS } from '#app/domain/billing/plans.ts'
import { BillingActionSchema, type BillingIntent } from '#app/domain/billing/schemas.ts'
import { SUBSCRIPTION_STATUS_LABELS, subscriptionNotes } from '#app/domain/billing/status-text.ts'
import { billingMode, clinicPostingEntitlement, clinicSubscription } from '#app/domain/billing/subscriptions.server.ts'
import { getClinic } from '#app/domain/clinics/clinics.server.ts'
import { requireClinicMember } from '#app/utils/permissions.server.ts'
import { routeParam } from '#app/utils/invariant.ts'
import { dateTimeFormat } from '#app/utils/intl.ts'

export const meta: MetaFunction = () => [{ title: 'Billing — Tandem' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireClinicMember(request, routeParam(params, 'clinicId'), 'clinic_admin')
	const clinic = await getClinic(routeParam(params, 'clinicId'))
	if (!clinic) throw new Response('Not found', { status: 404 })
	const now = new Date()
	const mode = billingMode()
	const [subscription, entitlement] = await Promise.all([clinicSubscription(clinic.id), clinicPostingEntitlement(clinic.id, now)])
	const date = dateTimeFormat('en-US', { dateStyle: 'long', timeZone: clinic.timeZone })
	const status = subscription?.status ?? null
	return {
		clinic: { id: clinic.id, name: clinic.name },
		mode,
		plan: PLANS.clinic_monthly,
		subscription: status ? { status, label: SUBSCRIPTION_STATUS_LABELS[status], notes: subscriptionNotes({ ...subscription!, status }, entitlement, (d) => date.format(d)) } : null,
		firstSubscription: !subscription?.stripeSubscriptionId,
		hasCustomer: Boolean(subscription),
		canPost: entitlement.allowed,
		postingMessage: entitlement.allowed ? null : entitlement.message,
	}
}

type ActionData = { result: SubmissionResult<string[]> }

export async function action({ request, params }: ActionFunctionArgs) {
	const auth = await requireClinicMember(request, routeParam(params, 'clinicId'), 'clinic_admin')
	const submission = parseWithZod(await request.formData(), { schema: BillingActionSchema })
	if (submission.status !== 'success') return data<ActionData>({ result: submission.reply() }, { status: 400 })
	const link = submission.value.intent === 'checkout' ? await startCheckout(routeParam(params, 'clinicId'), auth.user.id) : await openCustomerPortal(routeParam(params, 'clinicId'), auth.user.id)
	if (!link.ok) return data<ActionData>({ result: submission.reply({ formErrors: [link.message] }) }, { status: 409 })
	return redirect(link.url)
}

/** One of the page's two buttons, in its own form: a refusal (Stripe unreachable, a subscription already running) shows beside it. */
function BillingForm({ intent, result, children }: { intent: BillingIntent; result: SubmissionResult<string[]> | undefined; children: ReactNode }) {
	const [form] = useForm({ id: `billing-${intent}`, lastResult: result?.initialValue?.intent === intent ? result : undefined })
	return (
		<Form method="post" {...getFormProps(form)} className="space-y-2">
			<input type="hidden" name="intent" value={intent} />
			{children}
			<FormError id={form.errorId} errors={form.errors} />
		</Form>
	)
}

const ENDED = new Set(['canceled', 'incomplete_expired'])
const STATUS_TONES: Partial<Record<string, PillTone>> = {
	active: 'success',
	trialing: 'info',
	past_due: 'warning',
	unpaid: 'danger',
	canceled: 'neutral',
	incomplete: 'warning',
	incomplete_expired: 'neutral',
}

export default function Billing() {
	const { clinic, mode, plan, subscription, firstSubscription, hasCustomer, canPost, postingMessage } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as ActionData | undefined
	const navigation = useNavigation()
	const [searchParams] = useSearchParams()
	const result = navigation.state === 'idle' ? actionData?.result : undefined
	const canStart = mode === 'stripe' && (!subscription || ENDED.has(subscription.status))
	// A refusal whose button the page no longer shows (or no known action at all) is said at the top.
	const intent = result?.initialValue?.intent
	const besideButton = intent === 'checkout' ? canStart : intent === 'portal' ? hasCustomer : false
	const topErrors =
		result?.error && !besideButton
			? Object.values(result.error)
					.flat()
					.filter((e): e is string => Boolean(e))
			: null
	const checkout = searchParams.get('checkout')
	return (
		<div className="mx-auto max-w-3xl space-y-8 px-4 py-12">
			<PageHeader
				eyebrow={clinic.name}
				title="Billing"
				description="One flat monthly fee per clinic location. It never depends on how many referrals you post, their value or who pays for care, and it has no effect on which therapists are suggested."
			/>

			<FormError id="billing-error" errors={topErrors} />
			<div aria-live="polite">
				{checkout === 'done' && mode === 'stripe' ? (
					<Notice tone="success">Checkout finished. Stripe confirms the subscription to Tandem separately; if the status below has not changed yet, reload this page in a moment.</Notice>
				) : null}
				{checkout === 'cancelled' ? <Notice>Checkout was cancelled; nothing was charged.</Notice> : null}
			</div>

			{mode === 'demo' ? (
				<Card title="Billing is not configured" className="border-amber-300 bg-amber-50">
					<p>
						This Tandem server has no Stripe keys, so your clinic is on the demo plan: everything works, no payment is taken and none is recorded. The operator sets up billing as described in the
						billing guide (<code>docs/billing.md</code>).
					</p>
				</Card>
			) : (
				<Card title={`${plan.name} plan`}>
					<div className="space-y-4">
						<p className="text-slate-700">
							${plan.monthlyUsd} a month per {plan.per}. {plan.summary}
						</p>
						<dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
							<dt className="font-medium">Status</dt>
							<dd>
								<Pill tone={subscription ? (STATUS_TONES[subscription.status] ?? 'neutral') : 'neutral'}>{subscription ? subscription.label : 'No subscription'}</Pill>
							</dd>
							<dt className="font-medium">Posting referrals</dt>
							<dd>
								<Pill tone={canPost ? 'success' : 'warning'}>{canPost ? 'Allowed' : 'Not allowed'}</Pill>
							</dd>
						</dl>
						{(subscription?.notes ?? (postingMessage ? [postingMessage] : [])).map((note) => (
							<p key={note}>{note}</p>
						))}
						<div className="flex flex-wrap gap-3">
							{canStart ? (
								<BillingForm intent="checkout" result={result}>
									<SubmitButton pending={navigation.state === 'submitting' && navigation.formData?.get('intent') === 'checkout'}>
										{firstSubscription ? `Start the ${plan.trialDays}-day free trial` : 'Subscribe again'}
									</SubmitButton>
								</BillingForm>
							) : null}
							{hasCustomer ? (
								<BillingForm intent="portal" result={result}>
									<Button type="submit" variant="secondary" disabled={navigation.state === 'submitting'}>
										Manage billing (card, invoices, cancel)
									</Button>
								</BillingForm>
							) : null}
						</div>
						{canStart ? <p className="text-sm text-slate-700">You enter payment details on Stripe’s secure page; Tandem never sees card numbers.</p> : null}
					</div>
				</Card>
			)}
		</div>
	)
}
