// What the clinic's referral page says after the referral was saved or posted: worded from the
// status the referral is in now, so a posting that left it unfilled (nobody eligible) never says
// that offers are going out. Pure.
import { REFERRAL_STATUS_LABELS, type ReferralStatus } from './statuses.ts'

export type ReferralChange = 'saved' | 'posted' | 'reposted'

export type ChangeNotice = { tone: 'success' | 'info'; text: string }

export function isReferralChange(value: string | null | undefined): value is ReferralChange {
	return value === 'saved' || value === 'posted' || value === 'reposted'
}

export function changeNotice(change: ReferralChange, status: ReferralStatus): ChangeNotice {
	if (change === 'saved') return { tone: 'success', text: status === 'draft' ? 'Draft saved.' : 'Changes saved.' }
	const posted = change === 'posted' ? 'Referral posted' : 'Referral posted again'
	switch (status) {
		case 'open':
			return { tone: 'success', text: `${posted}. Offers go out now to the best-matched therapists${change === 'reposted' ? ' not asked before' : ''}.` }
		case 'unfilled':
			return {
				tone: 'info',
				text: `${posted}, but no therapist is eligible for it, so no offers went out and it is unfilled. Suggested therapists shows how many each criterion left out; change the criteria and post it again.`,
			}
		case 'shortlisted':
			return { tone: 'success', text: `${posted}. A therapist has already accepted, and the patient has their link to choose.` }
		default:
			return { tone: 'info', text: `${posted}. It is now ${REFERRAL_STATUS_LABELS[status].toLowerCase()}.` }
	}
}
