#!/usr/bin/env node
// `stint` is bin/stint.cjs (package.json "bin"); this forwards for whoever runs bin/stint.js by its old name.
import './stint.cjs';
