// A person-readable name for the browser behind a session, from its User-Agent.
const BROWSERS: [RegExp, string][] = [
	[/Edg\//, 'Edge'],
	[/OPR\//, 'Opera'],
	[/Firefox\//, 'Firefox'],
	[/Chrome\//, 'Chrome'],
	[/Safari\//, 'Safari'],
]
const SYSTEMS: [RegExp, string][] = [
	[/iPhone|iPad/, 'iOS'],
	[/Android/, 'Android'],
	[/Mac OS X/, 'macOS'],
	[/Windows/, 'Windows'],
	[/CrOS/, 'ChromeOS'],
	[/Linux/, 'Linux'],
]

export function describeDevice(userAgent: string | null): string {
	if (!userAgent) return 'Unknown device'
	const browser = BROWSERS.find(([re]) => re.test(userAgent))?.[1]
	const system = SYSTEMS.find(([re]) => re.test(userAgent))?.[1]
	if (browser && system) return `${browser} on ${system}`
	return browser ?? system ?? 'Unknown device'
}
