// What the caniemail.com data (npm package caniemail, installed by
// .ci/test) says of an email's HTML for some mail clients.
//
// Usage: node caniemail.mjs CANIEMAIL_INDEX_JS FILE.html CLIENT_GLOB...
// Prints one JSON object: for "errors" (not supported) and "warnings"
// (partly supported), each feature's title with the sorted clients that
// flag it.
import { readFileSync } from "node:fs";

const [index, file, ...clients] = process.argv.slice(2);
const { caniemail, rawData } = await import(index);

// caniemail.com has not tested every feature on every client, and the
// checker throws on such a gap ("Feature ... not found on ..."): a gap is
// filled as "u" (unknown: neither an error nor a warning) first.
const known = new Set();
for (const feature of rawData.data)
  for (const [family, platforms] of Object.entries(feature.stats))
    for (const platform of Object.keys(platforms)) known.add(`${family}.${platform}`);
for (const feature of rawData.data)
  for (const client of known) {
    const [family, platform] = client.split(".");
    feature.stats[family] ??= {};
    feature.stats[family][platform] ??= { untested: "u" };
  }

const result = caniemail({ html: readFileSync(file, "utf8"), clients });
const out = { data: rawData.last_update_date };
for (const kind of ["errors", "warnings"]) {
  const features = {};
  for (const [client, issues] of result.issues[kind])
    for (const issue of issues) (features[issue.title] ??= new Set()).add(client);
  out[kind] = Object.fromEntries(
    Object.entries(features)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([title, set]) => [title, [...set].sort()]),
  );
}
console.log(JSON.stringify(out));
