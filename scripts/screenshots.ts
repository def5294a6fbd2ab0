// The README's screenshots of the main pages, taken from a running development server with the demo
// data: `npm start` in one terminal, then `npm run screenshots` (BASE_URL, default
// http://localhost:3000). Writes docs/screenshots/*.png: each page at 1366 px wide, and the
// patient's page also at 390 px (a phone), in English and in Spanish. Uses Debian's Chromium where
// it exists, as the browser tests do.
import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type Page } from '@playwright/test'

const BASE_URL = process.env.BASE_URL ?? 'http://localhost:3000'
const OUT = path.resolve('docs/screenshots')
const PASSWORD = 'tandem-demo-2026'
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p))

async function session(browser: Browser, email: string | null, width = 1366): Promise<Page> {
	const context = await browser.newContext({ baseURL: BASE_URL, viewport: { width, height: width > 500 ? 900 : 844 }, deviceScaleFactor: 1 })
	const page = await context.newPage()
	if (email) {
		await page.goto('/login')
		await page.getByLabel('Email address').fill(email)
		await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
		await page.getByRole('button', { name: 'Log in' }).click()
		await page.waitForURL((url) => !url.pathname.startsWith('/login'))
	}
	return page
}

async function shoot(page: Page, name: string, fullPage = false) {
	await page.waitForLoadState('networkidle')
	const file = path.join(OUT, `${name}.png`)
	await page.screenshot({ path: file, fullPage })
	console.log(`wrote ${path.relative(process.cwd(), file)}`)
}

async function main() {
	fs.mkdirSync(OUT, { recursive: true })
	const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] })
	try {
		const clinic = await session(browser, 'tx.coordinator@tandem.example')
		await shoot(clinic, 'clinic-home')
		await clinic.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Referrals' }).click()
		await shoot(clinic, 'clinic-referrals')
		// A shortlisted referral: its page, and a fresh link for the patient (read from the development outbox).
		await clinic.goto(`${new URL(clinic.url()).pathname}?status=shortlisted`)
		await clinic
			.getByRole('main')
			.getByRole('link', { name: /· R-[A-Z0-9]{6}$|^R-[A-Z0-9]{6}$/ })
			.first()
			.click()
		await clinic.waitForURL(/\/referrals\/[^/?]+$/)
		await shoot(clinic, 'clinic-referral')
		await clinic.getByRole('button', { name: /^Send the patient (their|a new) link$/ }).click()
		await clinic.getByText(/link/).first().waitFor()

		const therapist = await session(browser, 'therapist.tx@tandem.example')
		await shoot(therapist, 'therapist-home')
		await therapist.goto('/therapist/offers')
		await shoot(therapist, 'therapist-offers')

		const visitor = await session(browser, null)
		await visitor.goto('/')
		await shoot(visitor, 'landing')

		const outbox = await session(browser, null)
		let href: string | null = null
		for (let attempt = 0; attempt < 30 && !href; attempt++) {
			await outbox.goto('/dev/outbox')
			href = await outbox
				.getByRole('listitem')
				.filter({ hasText: /Choose your therapist|Elija a su terapeuta/ })
				.first()
				.getByRole('link', { name: /\/choose\// })
				.first()
				.getAttribute('href', { timeout: 1_000 })
				.catch(() => null)
			if (!href) await new Promise((resolve) => setTimeout(resolve, 1_000))
		}
		if (!href) throw new Error('No patient link arrived in the development outbox within 30 seconds: is the worker running?')
		for (const [width, suffix] of [
			[1366, 'desktop'],
			[390, 'phone'],
		] as const) {
			const patient = await session(browser, null, width)
			await patient.goto(href)
			const english = patient.getByRole('button', { name: 'Read this page in English' })
			if (await english.isVisible()) await english.click()
			await shoot(patient, `patient-${suffix}`, width < 500)
			if (width < 500) {
				await patient.getByRole('button', { name: 'Ver esta página en español' }).click()
				await patient.getByRole('heading', { level: 1, name: 'Elija a su terapeuta' }).waitFor()
				await shoot(patient, 'patient-phone-es', true)
				await patient.getByRole('button', { name: 'Read this page in English' }).click()
			}
		}
	} finally {
		await browser.close()
	}
}

await main()
