// A person's private calendar address for their planned sessions (docs/product.md §4a): make it,
// copy it (it is shown once: only its hash is kept), replace it or turn it off. Used in the
// therapist's profile beside their own calendar, and in clinic members' notification settings.
// The page's action handles the intents `feed-create` and `feed-revoke`.
import { Form } from '@remix-run/react'
import { useState } from 'react'
import { Button } from '#app/components/ui/button.tsx'
import { ConfirmAction } from '#app/components/ui/confirm-dialog.tsx'
import { ConnectionCard } from '#app/components/ui/connection-card.tsx'
import { Notice } from '#app/components/ui/forms.tsx'
import { type SessionFeedView } from '#app/domain/calendar/session-feed-view.ts'

export function SessionFeedSettings({ feed, made, notice, whose }: { feed: SessionFeedView; made: string | null; notice: string | null; whose: 'therapist' | 'clinic' }) {
	return (
		<div className="space-y-3">
			<p className="text-sm text-slate-700">
				{whose === 'therapist' ? 'Your planned sessions' : 'The planned sessions of your clinic’s referrals'} can appear in the calendar you use (Google, Outlook, Apple), kept up to date: add this
				private address as a calendar you subscribe to. Each event names the referral’s reference and the phase, never the patient. Treat the address like a password.
			</p>
			<div aria-live="polite" className="empty:hidden">
				{notice ? <Notice tone="success">{notice}</Notice> : null}
			</div>
			{made ? <NewAddress url={made} /> : null}
			{feed.state === 'on' ? (
				<ConnectionCard
					actions={
						<>
							<ConfirmAction
								trigger="Make a new address"
								triggerSize="sm"
								title="Make a new calendar address?"
								description="The address you have now stops working at once; calendars subscribed to it get nothing more until you give them the new one."
								confirmLabel="Make a new address"
								confirmVariant="primary"
								cancelLabel="Keep the one I have"
								fields={{ intent: 'feed-create' }}
							/>
							<ConfirmAction
								trigger="Turn off"
								triggerVariant="danger-outline"
								triggerSize="sm"
								title="Turn off your calendar address?"
								description="Calendars subscribed to it get nothing more. You can make a new address any time."
								confirmLabel="Turn it off"
								cancelLabel="Keep it"
								fields={{ intent: 'feed-revoke' }}
							/>
						</>
					}
				>
					<p>
						{feed.made} {feed.read}
					</p>
					<p className="text-slate-700">Tandem keeps only a fingerprint of the address, so it cannot show it again: if you lost it, make a new one.</p>
				</ConnectionCard>
			) : (
				<Form method="post">
					<Button type="submit" name="intent" value="feed-create" variant="secondary">
						Make my calendar address
					</Button>
				</Form>
			)}
		</div>
	)
}

function NewAddress({ url }: { url: string }) {
	const [copied, setCopied] = useState(false)
	const copy = async () => {
		try {
			await navigator.clipboard.writeText(url)
			setCopied(true)
		} catch {
			// No clipboard (an old browser, an insecure origin): the field is there to select.
			setCopied(false)
		}
	}
	return (
		<div className="space-y-2 rounded border border-green-300 bg-green-50 p-3 text-sm">
			<label htmlFor="session-feed-url" className="block font-medium text-green-900">
				Your calendar address (shown only now)
			</label>
			<div className="flex flex-wrap items-center gap-2">
				<input
					id="session-feed-url"
					readOnly
					value={url}
					className="min-w-0 flex-1 basis-64 rounded border border-slate-400 bg-white px-3 py-2 font-mono text-sm"
					onFocus={(e) => e.currentTarget.select()}
				/>
				<Button type="button" variant="secondary" size="sm" onClick={copy}>
					Copy
				</Button>
				<span aria-live="polite" className="text-green-900">
					{copied ? 'Copied.' : ''}
				</span>
			</div>
			<p className="text-slate-800">
				Google Calendar: Other calendars, +, From URL. Outlook: Add calendar, Subscribe from web. Apple Calendar: File, New Calendar Subscription. Calendars read it again every hour or so.
			</p>
		</div>
	)
}
