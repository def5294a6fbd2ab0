// Therapist sign-up from a clinic's invitation. Opening the link changes nothing (mail
// scanners follow links); a button does. Someone new creates their account here, which confirms
// their address; someone with an account logs in first. Either way they become a therapist with
// the inviting clinic as a partner, and go on to fill in their profile.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { InvitationAcceptance } from '#app/components/invitation-acceptance.tsx'
import { acceptTherapistInvitation, describeTherapistInvitation } from '#app/domain/clinics/therapist-invitations.server.ts'
import { acceptInvitationForm } from '#app/utils/invitation-acceptance.server.ts'
import { getFullAuth } from '#app/utils/permissions.server.ts'

export const meta: MetaFunction = () => [{ title: 'Join Tandem as a therapist — Tandem' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const token = new URL(request.url).searchParams.get('token') ?? ''
	const [invitation, auth] = await Promise.all([describeTherapistInvitation(token), getFullAuth(request)])
	if (!invitation) return { token, invitation: null, signedInAs: auth?.user.email ?? null }
	return { token, invitation: { clinicName: invitation.clinicName, email: invitation.email, accountExists: invitation.accountExists }, signedInAs: auth?.user.email ?? null }
}

export function action({ request }: ActionFunctionArgs) {
	return acceptInvitationForm(request, {
		path: '/join/therapist',
		accept: (token, who) => acceptTherapistInvitation(token, who),
		joinedTo: () => '/therapist/profile?joined=1',
		refusals: { listed: { status: 409, message: 'This address is already listed on Tandem as a therapist. Log in with it; the clinic can add you as a partner from your profile.' } },
	})
}

export default function JoinAsTherapist() {
	const { token, invitation, signedInAs } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<InvitationAcceptance
			id="join-therapist"
			path="/join/therapist"
			token={token}
			invitation={invitation}
			signedInAs={signedInAs}
			title="Join Tandem as a therapist"
			intro={invitation ? `${invitation.clinicName} invites you to list on Tandem as an integration therapist, as one of its preferred partners. Listing is free.` : ''}
			joinLabel="Join as a therapist"
			createLabel="Create my therapist account"
			lastResult={actionData?.result}
		/>
	)
}
