// The admin CLI's frame (docs/product.md §8.2): commands register here; each returns its result,
// printed alone on the last line of standard output, or as one JSON object with --json.
import { parseArgs, type ParseArgsConfig } from 'node:util'

export type CommandResult = { text: string; json: Record<string, unknown>; details?: string[] }

export type Command = {
	name: string
	summary: string
	usage: string
	options: NonNullable<ParseArgsConfig['options']>
	/** Whether the command opens the database (and so needs the embedded lock). */
	usesDatabase: boolean
	run: (values: Record<string, string | boolean | undefined>, positionals: string[]) => Promise<CommandResult>
}

export class CliUsageError extends Error {
	override name = 'CliUsageError'
}

export function parseCommandArgs(command: Command, argv: string[]) {
	try {
		const { values, positionals } = parseArgs({
			args: argv,
			options: { ...command.options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
			allowPositionals: true,
			strict: true,
		})
		return { values: values as Record<string, string | boolean | undefined>, positionals }
	} catch (error) {
		throw new CliUsageError(`${(error as Error).message}\nUsage: npm run admin -- ${command.usage}`)
	}
}

export function helpText(commands: Command[]): string {
	const width = Math.max(...commands.map((c) => c.usage.length))
	return [
		'Tandem admin CLI',
		'',
		'Usage: npm run admin -- <command> [options]',
		'',
		'Commands:',
		...commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
		'',
		'Every command accepts --json (print one JSON object) and --help.',
		'Commands use the database the app would use: DATABASE_URL, or the embedded one in ./data.',
		'The result (an id, a key, a count) is printed alone on the last line of standard output.',
	].join('\n')
}
