import { type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { getNetworkSummary } from '#app/domain/therapists/network.server.ts'

export const meta: MetaFunction = () => [{ title: 'Tandem — therapy support around ketamine treatment' }]

export async function loader() {
	return { network: await getNetworkSummary() }
}

const audiences = [
	{
		id: 'clinics',
		title: 'For ketamine clinics',
		lead: 'Refer every patient to a therapist who can legally and practically help.',
		points: [
			'Post a referral with what your patient needs: phases, format, approaches, language, payment and the dosing schedule.',
			'Tandem suggests licensed therapists in the patient’s state, explains why each fits and shows who can see them inside the integration window.',
			'Follow each referral until the patient is in care. One flat subscription; no fee ever depends on referrals.',
		],
	},
	{
		id: 'therapists',
		title: 'For integration therapists',
		lead: 'Receive referrals that match your licenses, training and calendar. Listing is free.',
		points: [
			'List your state licenses, PSYPACT or Counseling Compact authorizations, KAP training, approaches and weekly availability.',
			'Offers arrive de-identified. Accept or decline; propose first-session times that fit the patient’s integration window.',
			'Only when the patient chooses you do you see who they are, and only you.',
		],
	},
	{
		id: 'patients',
		title: 'For patients',
		lead: 'Choose your own therapist, with no account to create.',
		points: [
			'Your clinic sends you a private link once therapists have said yes.',
			'See each therapist’s approach, fees and insurance, why they fit you, and when they can see you.',
			'Pick the one that feels right, or tell your clinic none of them do.',
		],
	},
] as const

export default function Index() {
	const { network } = useLoaderData<typeof loader>()
	return (
		<>
			<section className="bg-brand-50">
				<div className="mx-auto max-w-6xl px-4 py-16 sm:py-24">
					<h1 className="max-w-3xl text-4xl font-semibold tracking-tight text-brand-900 sm:text-5xl">The therapy around ketamine treatment, arranged in time.</h1>
					<p className="mt-6 max-w-2xl text-lg text-slate-700">
						Ketamine can bring fast relief; lasting change comes from the therapy around it — preparation before dosing, support during it, and integration in the days after. Tandem connects clinics’
						patients with licensed integration therapists who can see them in their state, with the approach they want, when it matters.
					</p>
					<dl className="mt-10 flex flex-wrap gap-x-12 gap-y-4">
						<div>
							<dt className="text-sm text-slate-700">Therapists accepting referrals</dt>
							<dd className="text-3xl font-semibold text-brand-800">{network.acceptingTherapists}</dd>
						</div>
						<div>
							<dt className="text-sm text-slate-700">States with a licensed therapist</dt>
							<dd className="text-3xl font-semibold text-brand-800">{network.licensedStates}</dd>
						</div>
					</dl>
				</div>
			</section>

			<section aria-labelledby="how-title" className="mx-auto max-w-6xl px-4 py-16">
				<h2 id="how-title" className="text-2xl font-semibold tracking-tight">
					How a referral works
				</h2>
				<ol className="mt-6 grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
					{[
						['Clinic posts', 'A de-identified request: state, phases, format, approaches, payment, dosing schedule.'],
						['Therapists are matched', 'Only those licensed or authorized for the patient’s state, with time in the integration window.'],
						['Patient chooses', 'From the therapists who accepted, with plain reasons and proposed times.'],
						['Care begins', 'Identity goes to the chosen therapist only; the referral is tracked until the first session.'],
					].map(([title, text], i) => (
						<li key={title} className="rounded-lg border border-slate-200 p-5">
							<p className="text-sm font-semibold text-brand-700">Step {i + 1}</p>
							<h3 className="mt-1 font-semibold">{title}</h3>
							<p className="mt-2 text-sm text-slate-700">{text}</p>
						</li>
					))}
				</ol>
			</section>

			{audiences.map((audience) => (
				<section key={audience.id} id={audience.id} aria-labelledby={`${audience.id}-title`} className="border-t border-slate-200">
					<div className="mx-auto grid max-w-6xl gap-8 px-4 py-14 md:grid-cols-3">
						<div>
							<h2 id={`${audience.id}-title`} className="text-2xl font-semibold tracking-tight">
								{audience.title}
							</h2>
							<p className="mt-3 text-slate-700">{audience.lead}</p>
						</div>
						<ul className="space-y-3 md:col-span-2">
							{audience.points.map((point) => (
								<li key={point} className="flex gap-3">
									<span aria-hidden="true" className="mt-2 h-2 w-2 flex-none rounded-full bg-brand-600" />
									<span>{point}</span>
								</li>
							))}
						</ul>
					</div>
				</section>
			))}

			<section id="privacy" aria-labelledby="privacy-title" className="border-t border-slate-200 bg-slate-50">
				<div className="mx-auto max-w-6xl px-4 py-14">
					<h2 id="privacy-title" className="text-2xl font-semibold tracking-tight">
						Privacy by design
					</h2>
					<p className="mt-3 max-w-3xl text-slate-700">
						Tandem handles health information the way a HIPAA business associate must. Therapists see only de-identified facts until a patient chooses them; every view of a patient’s details is
						logged; emails never contain health information, only a link back to the app.
					</p>
				</div>
			</section>
		</>
	)
}
