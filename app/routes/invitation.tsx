// Accepting an invitation to a clinic's team. Opening the link changes nothing (mail scanners
// follow links); a button does. Someone new creates their account here, which confirms their
// address; someone with an account logs in first and then joins.
import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { NewPasswordField } from '#app/components/new-password-field.tsx'
import { AuthPage, Field, FormError, Notice, SubmitButton } from '#app/components/ui/forms.tsx'
import { NameSchema } from '#app/domain/accounts/schemas.ts'
import { checkPassword, describePasswordProblem } from '#app/domain/auth/passwords.ts'
import { acceptInvitation, describeInvitation } from '#app/domain/clinics/clinics.server.ts'
import { CLINIC_ROLE_LABELS } from '#app/domain/clinics/membership.ts'
import { clientIp, tooManyAttempts } from '#app/utils/http.server.ts'
import { getFullAuth } from '#app/utils/permissions.server.ts'
import { consumeRateLimits } from '#app/utils/rate-limit.server.ts'
import { startSessionAndRedirect } from '#app/utils/session.server.ts'

export const meta: MetaFunction = () => [{ title: 'Invitation — Tandem' }]

const TokenSchema = z.string().max(64)

const ActionSchema = z
	.discriminatedUnion('intent', [
		z.object({ intent: z.literal('accept'), token: TokenSchema }),
		z.object({ intent: z.literal('create-account'), token: TokenSchema, name: NameSchema, password: z.string({ required_error: 'Choose a password.' }) }),
	])
	.superRefine((value, ctx) => {
		const problem = value.intent === 'create-account' ? checkPassword(value.password) : null
		if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['password'], message: describePasswordProblem(problem) })
	})

export async function loader({ request }: LoaderFunctionArgs) {
	const token = new URL(request.url).searchParams.get('token') ?? ''
	const [invitation, auth] = await Promise.all([describeInvitation(token), getFullAuth(request)])
	if (!invitation) return { token, invitation: null, signedInAs: auth?.user.email ?? null }
	return {
		token,
		invitation: { clinicName: invitation.clinicName, role: CLINIC_ROLE_LABELS[invitation.role], email: invitation.email, accountExists: invitation.accountExists },
		signedInAs: auth?.user.email ?? null,
	}
}

export async function action({ request }: ActionFunctionArgs) {
	const submission = parseWithZod(await request.formData(), { schema: ActionSchema })
	if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
	const limited = await consumeRateLimits([['invitationPerIp', clientIp()]])
	if (!limited.allowed) return tooManyAttempts(submission.reply({ hideFields: ['password'] }), limited.retryAfterSeconds)

	const { value } = submission
	const auth = await getFullAuth(request)
	if (value.intent === 'accept' && !auth) {
		throw redirect(`/login?${new URLSearchParams({ redirectTo: `/invitation?token=${value.token}` })}`)
	}
	const result = await acceptInvitation(
		value.token,
		value.intent === 'accept' ? { as: { userId: auth!.user.id, email: auth!.user.email } } : { newAccount: { name: value.name, password: value.password } },
	)
	switch (result.kind) {
		case 'joined':
			if (value.intent === 'accept') return redirect(`/clinics/${result.clinicId}/members?joined=1`)
			return startSessionAndRedirect(result.userId, `/clinics/${result.clinicId}/members?joined=1`)
		case 'invalid':
			return data({ result: submission.reply({ formErrors: ['This invitation has already been used, was withdrawn, or has expired. Ask the clinic to invite you again.'], hideFields: ['password'] }) }, { status: 410 })
		case 'wrong_account':
			return data({ result: submission.reply({ formErrors: [`This invitation is for ${result.invitedEmail}. Log out, then open the link again.`] }) }, { status: 403 })
		case 'account_exists':
			return data({ result: submission.reply({ formErrors: ['That address already has an account. Log in to accept the invitation.'], hideFields: ['password'] }) }, { status: 409 })
	}
}

export default function Invitation() {
	const { token, invitation, signedInAs } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [form, fields] = useForm<{ name: string; password: string }>({
		id: 'accept-invitation',
		lastResult: actionData?.result,
	})
	if (!invitation) {
		return (
			<AuthPage title="This invitation cannot be used">
				<Notice>It has already been used, was withdrawn, or has expired. Ask the clinic to invite you again.</Notice>
				{signedInAs ? null : <p><Link className="font-medium text-brand-700 underline" to="/login">Log in</Link> if you already joined.</p>}
			</AuthPage>
		)
	}
	const intro = `You are invited to join ${invitation.clinicName} on Tandem as ${invitation.role.toLowerCase()}.`
	const loginLink = `/login?${new URLSearchParams({ redirectTo: `/invitation?token=${token}` })}`

	if (signedInAs && signedInAs !== invitation.email) {
		return (
			<AuthPage title="Join a clinic" intro={intro}>
				<Notice>This invitation is for {invitation.email}, but you are logged in as {signedInAs}. Log out, then open the link again.</Notice>
			</AuthPage>
		)
	}
	if (signedInAs || invitation.accountExists) {
		return (
			<AuthPage title="Join a clinic" intro={intro}>
				{signedInAs ? (
					<Form method="post" {...getFormProps(form)} className="space-y-4">
						<input type="hidden" name="token" value={token} />
						<FormError id={form.errorId} errors={form.errors} />
						<SubmitButton name="intent" value="accept" pending={navigation.state === 'submitting'}>Join {invitation.clinicName}</SubmitButton>
					</Form>
				) : (
					<p>
						{invitation.email} already has a Tandem account.{' '}
						<Link className="font-medium text-brand-700 underline" to={loginLink}>Log in to accept</Link>.
					</p>
				)}
			</AuthPage>
		)
	}
	return (
		<AuthPage title="Join a clinic" intro={<>{intro} Create your account to accept.</>}>
			<Form method="post" {...getFormProps(form)} className="space-y-5">
				<input type="hidden" name="token" value={token} />
				<p className="text-sm text-slate-700">Your email address: <span className="font-medium text-slate-900">{invitation.email}</span></p>
				<Field meta={fields.name} label="Your name" autoComplete="name" />
				<NewPasswordField meta={fields.password} />
				<FormError id={form.errorId} errors={form.errors} />
				<SubmitButton name="intent" value="create-account" pending={navigation.state === 'submitting'}>Create account and join</SubmitButton>
			</Form>
		</AuthPage>
	)
}
