// Mozilla Readability (with linkedom) over the same pages, in one Node process:
// reads a list of page paths, parses and extracts each page `rounds` times, prints
// JSON {pages, seconds (CPU), pages_per_second, bytes, peak_rss_mb}. Used by bench/extract-bench.
import { readFileSync } from "node:fs";
import { parseHTML } from "linkedom";
import { Readability } from "@mozilla/readability";

const [listFile, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg || 3);
const pages = readFileSync(listFile, "utf8").split("\n").filter(Boolean).map((p) => readFileSync(p, "utf8"));
let bytes = 0;
for (const p of pages) bytes += Buffer.byteLength(p);
// One warm-up round so the JIT has compiled the hot paths.
const runOnce = () => {
  for (const html of pages) {
    const { document } = parseHTML(html);
    try { new Readability(document).parse(); } catch (e) { /* counted like any page */ }
  }
};
runOnce();
// CPU time of this process (the machine may be shared; wall time would blame others).
const start = process.cpuUsage();
for (let r = 0; r < rounds; r++) runOnce();
const used = process.cpuUsage(start);
const seconds = (used.user + used.system) / 1e6;
console.log(JSON.stringify({ pages: pages.length * rounds, seconds, bytes: bytes * rounds,
  pages_per_second: (pages.length * rounds) / seconds,
  peak_rss_mb: process.resourceUsage().maxRSS / 1024 }));
