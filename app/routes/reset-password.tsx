import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { TextField } from '#app/components/ui/conform-fields.tsx'
import { AuthPage, FormError, Notice, SubmitButton } from '#app/components/ui/forms.tsx'
import { isUsableToken, resetPassword } from '#app/domain/accounts/accounts.server.ts'
import { ResetPasswordSchema } from '#app/domain/accounts/schemas.ts'
import { describePasswordProblem, PASSWORD_MIN_LENGTH } from '#app/domain/auth/passwords.ts'

export const meta: MetaFunction = () => [{ title: 'Choose a new password — Tandem' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const token = new URL(request.url).searchParams.get('token') ?? ''
	return { token, usable: await isUsableToken(token, 'password_reset') }
}

// Said of the form, and of the field it is about (the link's token), for clients that read fields.
const EXPIRED = 'This link has already been used or has expired. Ask for a new one.'

export async function action({ request }: ActionFunctionArgs) {
	const submission = parseWithZod(await request.formData(), { schema: ResetPasswordSchema })
	if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
	const result = await resetPassword(submission.value.token, submission.value.password)
	if (result.kind === 'weak') {
		return data({ result: submission.reply({ fieldErrors: { password: [describePasswordProblem(result.problem)] }, hideFields: ['password'] }) }, { status: 400 })
	}
	if (result.kind === 'invalid') {
		return data({ result: submission.reply({ formErrors: [EXPIRED], fieldErrors: { token: [EXPIRED] }, hideFields: ['password'] }) }, { status: 400 })
	}
	return redirect('/login?reset=1')
}

export default function ResetPassword() {
	const { token, usable } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'reset-password',
		lastResult: actionData?.result,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
	})
	if (!usable && !actionData) {
		return (
			<AuthPage title="This link cannot be used">
				<Notice>This password link has already been used or has expired.</Notice>
				<p>
					<Link className="font-medium text-brand-700 underline" to="/forgot-password">
						Ask for a new link
					</Link>
				</p>
			</AuthPage>
		)
	}
	return (
		<AuthPage title="Choose a new password" intro="Signing in with the new password will end your other sessions.">
			<Form method="post" {...getFormProps(form)} className="space-y-5">
				<input type="hidden" name="token" value={token} />
				<TextField meta={fields.password} label="New password" type="password" autoComplete="new-password" hint={`At least ${PASSWORD_MIN_LENGTH} characters.`} />
				<FormError id={form.errorId} errors={form.errors} />
				<SubmitButton pending={navigation.state === 'submitting'}>Save the new password</SubmitButton>
			</Form>
		</AuthPage>
	)
}
