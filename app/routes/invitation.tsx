// Accepting an invitation to a clinic's team. Opening the link changes nothing (mail scanners
// follow links); a button does. Someone new creates their account here, which confirms their
// address; someone with an account logs in first and then joins.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { InvitationAcceptance } from '#app/components/invitation-acceptance.tsx'
import { acceptInvitation, describeInvitation } from '#app/domain/clinics/clinics.server.ts'
import { CLINIC_ROLE_LABELS } from '#app/domain/clinics/membership.ts'
import { acceptInvitationForm } from '#app/utils/invitation-acceptance.server.ts'
import { getFullAuth } from '#app/utils/permissions.server.ts'

export const meta: MetaFunction = () => [{ title: 'Invitation — Tandem' }]

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

export function action({ request }: ActionFunctionArgs) {
	return acceptInvitationForm(request, { path: '/invitation', accept: (token, who) => acceptInvitation(token, who), joinedTo: (joined) => `/clinics/${joined.clinicId}/members?joined=1` })
}

export default function Invitation() {
	const { token, invitation, signedInAs } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<InvitationAcceptance
			id="accept-invitation"
			path="/invitation"
			token={token}
			invitation={invitation}
			signedInAs={signedInAs}
			title="Join a clinic"
			intro={invitation ? `You are invited to join ${invitation.clinicName} on Tandem as ${invitation.role.toLowerCase()}.` : ''}
			joinLabel={invitation ? `Join ${invitation.clinicName}` : ''}
			createLabel="Create account and join"
			lastResult={actionData?.result}
		/>
	)
}
