// The page of an emailed invitation (a clinic's team, therapist sign-up): what it offers, then a
// button for someone signed in as the invited address, a log-in link for someone with an account,
// or the form that creates the account. Nothing is used by opening the page.
import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { Form, Link, useNavigation } from '@remix-run/react'
import { NewPasswordField } from '#app/components/new-password-field.tsx'
import { TextField } from '#app/components/ui/conform-fields.tsx'
import { AuthPage, FormError, Notice, SubmitButton } from '#app/components/ui/forms.tsx'

export function InvitationAcceptance(props: {
	id: string
	path: string
	token: string
	invitation: { email: string; accountExists: boolean } | null
	signedInAs: string | null
	title: string
	intro: string
	joinLabel: string
	createLabel: string
	lastResult: SubmissionResult<string[]> | undefined
}) {
	const { token, invitation, signedInAs, title, intro } = props
	const navigation = useNavigation()
	const [form, fields] = useForm<{ name: string; password: string }>({ id: props.id, lastResult: props.lastResult })
	if (!invitation) {
		return (
			<AuthPage title="This invitation cannot be used">
				<Notice>It has already been used, was withdrawn, or has expired. Ask the clinic to invite you again.</Notice>
				{signedInAs ? null : (
					<p>
						<Link className="font-medium text-brand-700 underline" to="/login">
							Log in
						</Link>{' '}
						if you already joined.
					</p>
				)}
			</AuthPage>
		)
	}
	const loginLink = `/login?${new URLSearchParams({ redirectTo: `${props.path}?token=${token}` })}`

	if (signedInAs && signedInAs !== invitation.email) {
		return (
			<AuthPage title={title} intro={intro}>
				<Notice>
					This invitation is for {invitation.email}, but you are logged in as {signedInAs}. Log out, then open the link again.
				</Notice>
			</AuthPage>
		)
	}
	if (signedInAs || invitation.accountExists) {
		return (
			<AuthPage title={title} intro={intro}>
				{signedInAs ? (
					<Form method="post" {...getFormProps(form)} className="space-y-4">
						<input type="hidden" name="token" value={token} />
						<FormError id={form.errorId} errors={form.errors} />
						<SubmitButton name="intent" value="accept" pending={navigation.state === 'submitting'}>
							{props.joinLabel}
						</SubmitButton>
					</Form>
				) : (
					<p>
						{invitation.email} already has a Tandem account.{' '}
						<Link className="font-medium text-brand-700 underline" to={loginLink}>
							Log in to accept
						</Link>
						.
					</p>
				)}
			</AuthPage>
		)
	}
	return (
		<AuthPage title={title} intro={<>{intro} Create your account to accept.</>}>
			<Form method="post" {...getFormProps(form)} className="space-y-5">
				<input type="hidden" name="token" value={token} />
				<p className="text-sm text-slate-700">
					Your email address: <span className="font-medium text-slate-900">{invitation.email}</span>
				</p>
				<TextField meta={fields.name} label="Your name" autoComplete="name" />
				<NewPasswordField meta={fields.password} />
				<FormError id={form.errorId} errors={form.errors} />
				<SubmitButton name="intent" value="create-account" pending={navigation.state === 'submitting'}>
					{props.createLabel}
				</SubmitButton>
			</Form>
		</AuthPage>
	)
}
