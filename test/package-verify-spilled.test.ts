/**
 * The attack suite of verify-package and the byte-for-byte export tests again, with every
 * verify, export and verify-package keeping its digests and the report's contacts in scratch
 * tables on disk from the first one (DUNGUARD_SPILL_AT=0; past 50,000 they always are).
 */
process.env.DUNGUARD_SPILL_AT = '0';
await import('./package-verify.test.js');
await import('./export-stream.test.js');
