/** node:assert/strict for the store conformance suite in a browser page (the build maps it here): the `assert` package's strict mode, a port of Node's. */
import assert from 'assert';

export default assert.strict;
