// The network import page's form (docs/product.md §8.1): one CSV file of at most 5 MB, and whether
// this is a dry run. Shared by the browser (Conform) and the server; the file's rows are checked
// by network-csv.ts once it is read.
import { z } from 'zod'

/** The largest file the import page takes; larger networks are imported in parts. */
export const NETWORK_CSV_MAX_BYTES = 5 * 1024 * 1024

export const NO_FILE = 'Choose a CSV file to import.'
export const FILE_TOO_LARGE = 'The file is larger than 5 MB; split it and import the parts one after another.'

export const NetworkImportSchema = z.object({
	file: z
		.instanceof(File, { message: NO_FILE })
		.refine((file) => file.size > 0, NO_FILE)
		.refine((file) => file.size <= NETWORK_CSV_MAX_BYTES, FILE_TOO_LARGE),
	dryRun: z.preprocess((v) => v === 'on' || v === true, z.boolean()),
})
