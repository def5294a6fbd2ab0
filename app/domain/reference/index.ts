// All reference data in one place: import from here.
export * from './states.ts'
export * from './vocabulary.ts'
export * from './languages.ts'
export * from './credentials.ts'
export * from './compacts.ts'
