// Jobs that run once a day inside the app server: telling therapists about credentials that
// expire within 30 days, and rewriting the search rows written over a week ago so their free time
// reaches thirteen weeks ahead again (matching stays exact without it, only slower for windows
// past the rows' end). Rows written since the last start are not rewritten at start-up.
// Safe on several servers at once: each credential is flagged by a conditional update, so only
// one server sends its notice, and rewriting a row twice writes the same row. (The worker of the referral lifecycle
// will take these over; `npm run admin -- flag-expiring-credentials` runs it from cron meanwhile.)
import { errorField, logger } from '#app/utils/logger.server.ts'

const DAY_MS = 24 * 60 * 60 * 1000

export function startDailyJobs(options: { firstRunAfterMs?: number } = {}): () => void {
	const run = async () => {
		try {
			const { flagExpiringCredentials } = await import('#app/domain/therapists/verification.server.ts')
			const flagged = await flagExpiringCredentials()
			if (flagged > 0) logger().info(`Daily job: told therapists about ${flagged} credential${flagged === 1 ? '' : 's'} expiring within 30 days.`)
		} catch (error) {
			logger().error({ err: errorField(error) }, 'Daily job "flag expiring credentials" failed')
		}
		try {
			const { refreshStaleTherapistSearch } = await import('#app/domain/matching/search-index.server.ts')
			await refreshStaleTherapistSearch()
		} catch (error) {
			logger().error({ err: errorField(error) }, 'Daily job "rebuild search rows" failed')
		}
	}
	let interval: NodeJS.Timeout | undefined
	const first = setTimeout(() => {
		void run()
		interval = setInterval(() => void run(), DAY_MS)
		interval.unref()
	}, options.firstRunAfterMs ?? 60_000)
	first.unref()
	return () => {
		clearTimeout(first)
		if (interval) clearInterval(interval)
	}
}
