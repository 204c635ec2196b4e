/** A data file that is missing, unreadable or invalid. */
export class DataError extends Error {}
