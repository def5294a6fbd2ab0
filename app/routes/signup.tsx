import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { NewPasswordField } from '#app/components/new-password-field.tsx'
import { TextField } from '#app/components/ui/conform-fields.tsx'
import { AuthPage, FormError, SubmitButton } from '#app/components/ui/forms.tsx'
import { signUp } from '#app/domain/accounts/accounts.server.ts'
import { SignupSchema } from '#app/domain/accounts/schemas.ts'
import { clientIp, tooManyAttempts } from '#app/utils/http.server.ts'
import { requireAnonymous } from '#app/utils/permissions.server.ts'
import { consumeRateLimits } from '#app/utils/rate-limit.server.ts'

export const meta: MetaFunction = () => [{ title: 'Create an account — Tandem' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAnonymous(request)
	return null
}

export async function action({ request }: ActionFunctionArgs) {
	await requireAnonymous(request)
	const submission = parseWithZod(await request.formData(), { schema: SignupSchema })
	if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
	const limited = await consumeRateLimits([['signupPerIp', clientIp()]])
	if (!limited.allowed) return tooManyAttempts(submission.reply({ hideFields: ['password'] }), limited.retryAfterSeconds)
	// The same answer whether or not the address already has an account; that email says which.
	await signUp(submission.value)
	return redirect('/verify-email?sent=1')
}

export default function Signup() {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'signup',
		lastResult: actionData?.result,
		constraint: getZodConstraint(SignupSchema),
		shouldRevalidate: 'onBlur',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: SignupSchema }),
	})
	return (
		<AuthPage
			title="Create your Tandem account"
			intro={
				<>
					Already have one?{' '}
					<Link className="font-medium text-brand-700 underline" to="/login">
						Log in
					</Link>
					.
				</>
			}
		>
			<Form method="post" {...getFormProps(form)} className="space-y-5">
				<TextField meta={fields.name} label="Your name" autoComplete="name" />
				<TextField meta={fields.email} label="Email address" type="email" autoComplete="email" hint="We will send a link to confirm it." />
				<NewPasswordField meta={fields.password} />
				<FormError id={form.errorId} errors={form.errors} />
				<SubmitButton pending={navigation.state === 'submitting'}>Create account</SubmitButton>
			</Form>
		</AuthPage>
	)
}
